//! The evaluation document as DOCX (what an official edits or files), with the texts of the
//! PDF: the same [`EvaluationForm`], laid out with the letters' DOCX means.

use std::io::Cursor;

use docx_rs::{
    AlignmentType, Docx, PageMargin, Paragraph, RunFonts, Table, TableCellMargins, TableLayoutType,
    TableRow, VAlignType, VMergeType, WidthType,
};

use super::{EvaluationDocument, EvaluationForm};
use crate::docx::{
    MARGIN_L, MARGIN_R, PAGE_H, PAGE_W, SIZE_TABLE, TEXT_W, cell, centered, data_table, para, run,
    signature, sized, spacing, tight,
};
use crate::error::LetterError;
use crate::model::{Column, Field};
use crate::pdf::Renderer;

impl Renderer {
    /// The employee's evaluation document as DOCX, with the same text as the PDF.
    pub fn evaluation_docx(&self, doc: &EvaluationDocument) -> Result<Vec<u8>, LetterError> {
        docx(&doc.form())
    }
}

fn small(p: Paragraph) -> Paragraph {
    tight(sized(p, SIZE_TABLE))
}

fn bold_small(text: &str) -> Paragraph {
    small(Paragraph::new().add_run(run(text).bold()))
}

fn bordered(rows: Vec<TableRow>, grid: Vec<usize>) -> Table {
    Table::new(rows)
        .set_grid(grid)
        .width(TEXT_W, WidthType::Dxa)
        .layout(TableLayoutType::Fixed)
        .margins(TableCellMargins::new().margin(40, 70, 40, 70))
}

fn party(no_header: &str, p: &super::PartyTable) -> Table {
    let grid = vec![510, 2495, TEXT_W - 510 - 2495];
    let mut rows = vec![TableRow::new(vec![
        cell(
            grid[0],
            vec![bold_small(no_header).align(AlignmentType::Center)],
        ),
        cell(grid[1] + grid[2], vec![bold_small(&p.heading)]).grid_span(2),
    ])];
    for r in &p.rows {
        rows.push(
            TableRow::new(vec![
                cell(
                    grid[0],
                    vec![small(para(&r.no)).align(AlignmentType::Center)],
                ),
                cell(grid[1], vec![small(para(&r.label))]),
                cell(grid[2], vec![small(para(&r.value))]),
            ])
            .cant_split(),
        );
    }
    bordered(rows, grid)
}

fn rating(f: &Field) -> Table {
    let grid = vec![3685, TEXT_W - 3685];
    bordered(
        vec![TableRow::new(vec![
            cell(grid[0], vec![bold_small(&f.label)]),
            cell(grid[1], vec![bold_small(&f.value)]),
        ])],
        grid,
    )
}

fn heading(text: &str) -> Paragraph {
    Paragraph::new()
        .add_run(run(text).bold())
        .line_spacing(spacing(80, 240))
        .keep_next(true)
}

fn grid_of(columns: &[Column]) -> Vec<usize> {
    let total: usize = columns
        .iter()
        .map(|c| usize::from(c.width))
        .sum::<usize>()
        .max(1);
    columns
        .iter()
        .map(|c| TEXT_W * usize::from(c.width) / total)
        .collect()
}

/// The results table: a plan's number, name and feedback merged down its indicators' rows.
fn results(form: &EvaluationForm) -> Table {
    let grid = grid_of(&form.results_columns);
    let w = |i: usize| grid.get(i).copied().unwrap_or(0);
    let mut rows = vec![TableRow::new(
        form.results_columns
            .iter()
            .enumerate()
            .map(|(i, c)| {
                cell(
                    w(i),
                    vec![bold_small(&c.header).align(AlignmentType::Center)],
                )
                .vertical_align(VAlignType::Center)
            })
            .collect(),
    )];
    for g in &form.results {
        for (i, x) in g.indicators.iter().enumerate() {
            let merged = |col: usize, text: &str, center: bool| {
                let (p, merge) = if i == 0 {
                    (small(para(text)), VMergeType::Restart)
                } else {
                    (small(Paragraph::new()), VMergeType::Continue)
                };
                let p = if center {
                    p.align(AlignmentType::Center)
                } else {
                    p
                };
                cell(w(col), vec![p]).vertical_merge(merge)
            };
            rows.push(TableRow::new(vec![
                merged(0, &g.no, true),
                merged(1, &g.plan, false),
                cell(w(2), vec![small(para(&x.indicator))]),
                cell(w(3), vec![small(para(&x.target))]),
                cell(w(4), vec![small(para(&x.realisation))]),
                merged(5, &g.feedback, false),
            ]));
        }
    }
    Table::new(rows)
        .set_grid(grid)
        .width(TEXT_W, WidthType::Dxa)
        .layout(TableLayoutType::Fixed)
        .margins(TableCellMargins::new().margin(40, 70, 40, 70))
}

fn docx(form: &EvaluationForm) -> Result<Vec<u8>, LetterError> {
    let gap = || tight(Paragraph::new());
    let mut d = Docx::new()
        .page_size(PAGE_W, PAGE_H)
        .page_margin(
            PageMargin::new()
                .top(850)
                .bottom(1134)
                .left(MARGIN_L)
                .right(MARGIN_R)
                .header(400)
                .footer(400),
        )
        .default_fonts(RunFonts::new().ascii("Arial").hi_ansi("Arial").cs("Arial"))
        .default_size(SIZE_TABLE)
        .default_line_spacing(spacing(0, 240));
    for t in &form.title {
        d = d.add_paragraph(tight(centered(run(t).bold().size(22))));
    }
    d = d.add_paragraph(gap());
    d = d
        .add_paragraph(tight(Paragraph::new().add_run(run(&form.agency).bold())))
        .add_paragraph(tight(
            Paragraph::new()
                .add_run(run(&form.range).bold())
                .align(AlignmentType::Right),
        ))
        .add_paragraph(gap());
    for p in &form.parties {
        d = d.add_table(party(&form.no_header, p)).add_paragraph(gap());
    }
    d = d
        .add_table(rating(&form.organisation))
        .add_paragraph(gap())
        .add_paragraph(heading(&form.results_heading))
        .add_table(results(form))
        .add_paragraph(gap())
        .add_table(rating(&form.results_rating))
        .add_paragraph(gap())
        .add_paragraph(heading(&form.behaviour_heading))
        .add_table(data_table(&form.behaviour))
        .add_paragraph(gap())
        .add_table(rating(&form.behaviour_rating))
        .add_paragraph(gap())
        .add_table(rating(&form.performance_rating));
    d = signature(d, &form.signature);
    let mut out = Cursor::new(Vec::new());
    d.build()
        .pack(&mut out)
        .map_err(|e| LetterError::Docx(e.to_string()))?;
    Ok(out.into_inner())
}
