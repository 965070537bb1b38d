//! The DOCX renderer (DOC-06: what officials edit): the same model, the same texts, laid out
//! with Word's means — borderless tables for the letterhead, labelled sections and reference
//! blocks, a bordered table for the people, indents for the signature.
//!
//! The font is Arial, which Word has; LibreOffice substitutes its metric twin Liberation Sans,
//! the font of the PDF, so both break lines alike.

use std::io::Cursor;

use docx_rs::{
    AlignmentType, BorderType, Docx, LineSpacing, LineSpacingType, PageMargin, Paragraph,
    ParagraphBorder, ParagraphBorderPosition, ParagraphBorders, ParagraphChild, Pic, Run, RunFonts,
    SpecialIndentType, Table, TableCell, TableCellMargins, TableLayoutType, TableRow, VAlignType,
    WidthType,
};

use sikerja_domain::workflow::LetterKind;

use crate::error::LetterError;
use crate::model::{
    Appendix, Block, COPIES_HEADING, Field, Heading, Item, Letter, Letterhead, Signature,
    VERIFY_SHA_LEAD, VERIFY_URL_LEAD, Verification, marker,
};
use crate::pdf::Renderer;
use crate::qr;

/// A4 in twips, and the margins of the PDF (1.2 cm top, 2 cm bottom and right, 2.5 cm left).
pub(crate) const PAGE_W: u32 = 11906;
pub(crate) const PAGE_H: u32 = 16838;
pub(crate) const MARGIN_L: i32 = 1418;
pub(crate) const MARGIN_R: i32 = 1134;
/// The width between the margins.
pub(crate) const TEXT_W: usize = 9354;
const LABEL_W: usize = 1814;
const COLON_W: usize = 255;
const MARKER_W: usize = 425;
const INDENT: i32 = 709;
const SIGNATURE_INDENT: i32 = 4876;
/// EMU per centimetre, for pictures.
const EMU_CM: f64 = 360_000.0;

/// Sizes in half-points.
const SIZE: usize = 22;
pub(crate) const SIZE_TABLE: usize = 18;
const SIZE_SMALL: usize = 17;

impl Renderer {
    /// The letter as DOCX (DOC-06: what officials edit), with the same text as the PDF.
    pub fn docx(&self, letter: &Letter) -> Result<Vec<u8>, LetterError> {
        docx(letter)
    }
}

/// Builds the DOCX; needs no engine.
pub fn docx(letter: &Letter) -> Result<Vec<u8>, LetterError> {
    let mut d = Docx::new()
        .page_size(PAGE_W, PAGE_H)
        .page_margin(
            PageMargin::new()
                .top(680)
                .bottom(1134)
                .left(MARGIN_L)
                .right(MARGIN_R)
                .header(400)
                .footer(400),
        )
        .default_fonts(RunFonts::new().ascii("Arial").hi_ansi("Arial").cs("Arial"))
        .default_size(SIZE)
        .default_line_spacing(spacing(120, 264));
    let indent = matches!(letter.heading, Heading::Letter { .. });
    d = kop(
        d,
        &letter.letterhead,
        letter.kind == LetterKind::RegentDecree,
    )?;
    d = heading(d, &letter.heading);
    d = blocks(d, &letter.body, indent);
    d = signature(d, &letter.signature);
    d = copies(d, &letter.copies);
    if let Some(v) = &letter.verification {
        d = verification(d, v)?;
    }
    if let Some(a) = &letter.appendix {
        d = appendix(d, a);
    }
    let mut out = Cursor::new(Vec::new());
    d.build()
        .pack(&mut out)
        .map_err(|e| LetterError::Docx(e.to_string()))?;
    Ok(out.into_inner())
}

pub(crate) fn run(text: &str) -> Run {
    Run::new().add_text(text)
}

pub(crate) fn para(text: &str) -> Paragraph {
    Paragraph::new().add_run(run(text))
}

pub(crate) fn centered(run: Run) -> Paragraph {
    Paragraph::new().add_run(run).align(AlignmentType::Center)
}

/// Line spacing with its rule given: without `lineRule` LibreOffice does not read `line` as
/// a multiple of single spacing.
pub(crate) fn spacing(after: u32, line: i32) -> LineSpacing {
    LineSpacing::new()
        .line_rule(LineSpacingType::Auto)
        .after(after)
        .line(line)
}

/// Sets the size of every run of `p` (a paragraph's own size only reaches its mark).
pub(crate) fn sized(mut p: Paragraph, size: usize) -> Paragraph {
    p.children = p
        .children
        .into_iter()
        .map(|c| match c {
            ParagraphChild::Run(r) => ParagraphChild::Run(Box::new(r.size(size))),
            other => other,
        })
        .collect();
    p.size(size)
}

pub(crate) fn tight(p: Paragraph) -> Paragraph {
    p.line_spacing(spacing(0, 240))
}

fn pic(png: &[u8], width_cm: f64) -> Result<Pic, LetterError> {
    let (w, h) = qr::png_size(png)?;
    let width = (width_cm * EMU_CM).round();
    let height = (width * f64::from(h) / f64::from(w.max(1))).round();
    // Rounded EMU values of a few centimetres: far inside u32.
    let (width, height) = (width as u32, height as u32);
    Ok(Pic::new_with_dimensions(png.to_vec(), w, h).size(width, height))
}

pub(crate) fn cell(width: usize, paragraphs: Vec<Paragraph>) -> TableCell {
    let mut c = TableCell::new().width(width, WidthType::Dxa);
    for p in paragraphs {
        c = c.add_paragraph(p);
    }
    c
}

/// Narrow cell margins (0.1 cm at the sides): the columns are measured for the text, as in
/// the PDF.
fn cell_margins() -> TableCellMargins {
    TableCellMargins::new().margin(0, 57, 0, 57)
}

fn borderless(rows: Vec<TableRow>, grid: Vec<usize>) -> Table {
    let total = grid.iter().sum();
    Table::without_borders(rows)
        .set_grid(grid)
        .width(total, WidthType::Dxa)
        .layout(TableLayoutType::Fixed)
        .margins(cell_margins())
}

/// The kop: emblem and name lines, then the thick-thin double rule (a paragraph border).
fn kop(mut d: Docx, head: &Letterhead, emblem_centered: bool) -> Result<Docx, LetterError> {
    let n = head.names.len();
    let mut lines: Vec<Paragraph> = head
        .names
        .iter()
        .enumerate()
        .map(|(i, name)| {
            let size = match (emblem_centered, i) {
                (true, 0) => 28,
                (true, _) => 24,
                (false, i) if i + 1 == n => 28,
                _ => 25,
            };
            tight(centered(run(name).bold().size(size)))
        })
        .collect();
    if !head.address.trim().is_empty() {
        lines.push(tight(centered(run(&head.address).size(19))));
    }
    for c in &head.contacts {
        lines.push(tight(centered(run(c).size(18))));
    }
    if emblem_centered {
        if let Some(logo) = &head.logo_png {
            d = d.add_paragraph(centered(Run::new().add_image(pic(logo, 2.3)?)));
        }
        for p in lines {
            d = d.add_paragraph(p);
        }
        // The regent's own heading has no rule (Lampiran IV.A).
        return Ok(d.add_paragraph(Paragraph::new()));
    } else {
        let logo = match &head.logo_png {
            Some(png) => Paragraph::new()
                .align(AlignmentType::Center)
                .add_run(Run::new().add_image(pic(png, 2.1)?)),
            None => Paragraph::new(),
        };
        let grid = vec![1361, TEXT_W - 1361 - 340, 340];
        let row = TableRow::new(vec![
            cell(grid[0], vec![logo]).vertical_align(VAlignType::Center),
            cell(grid[1], lines).vertical_align(VAlignType::Center),
            cell(grid[2], vec![Paragraph::new()]),
        ]);
        d = d.add_table(borderless(vec![row], grid));
    }
    let mut rule = Paragraph::new().line_spacing(spacing(200, 120));
    rule.property = rule.property.set_borders(
        ParagraphBorders::with_empty().set(
            ParagraphBorder::new(ParagraphBorderPosition::Bottom)
                .val(BorderType::ThickThinSmallGap)
                .size(24)
                .space(1),
        ),
    );
    Ok(d.add_paragraph(rule))
}

fn fields_table(fields: &[Field], width: usize) -> Table {
    let label_w = fields
        .iter()
        .map(|f| f.label.chars().count())
        .max()
        .unwrap_or(0)
        * 150
        + 200;
    let grid = vec![label_w, COLON_W, width.saturating_sub(label_w + COLON_W)];
    let rows = fields
        .iter()
        .map(|f| {
            TableRow::new(vec![
                cell(grid[0], vec![tight(para(&f.label))]),
                cell(grid[1], vec![tight(para(":"))]),
                cell(grid[2], vec![tight(para(&f.value))]),
            ])
        })
        .collect();
    borderless(rows, grid)
}

fn heading(mut d: Docx, h: &Heading) -> Docx {
    match h {
        Heading::Decree {
            title,
            number,
            about,
            subject,
            issuer,
        } => {
            d = d
                .add_paragraph(tight(centered(run(title).bold())))
                .add_paragraph(tight(centered(run(number))))
                .add_paragraph(tight(centered(run(about).bold())))
                .add_paragraph(centered(run(subject).bold()))
                .add_paragraph(centered(run(issuer).bold()));
        }
        Heading::Order { title, number } => {
            d = d
                .add_paragraph(tight(centered(
                    run(title).bold().size(24).underline("single"),
                )))
                .add_paragraph(centered(run(number)));
        }
        Heading::Letter {
            place_date,
            fields,
            addressees,
            at,
        } => {
            d = d
                .add_paragraph(para(place_date).align(AlignmentType::Right))
                .add_table(fields_table(fields, TEXT_W * 62 / 100))
                .add_paragraph(Paragraph::new());
            for a in addressees {
                d = d.add_paragraph(tight(para(a)));
            }
            d = d.add_paragraph(para(at));
        }
    }
    d
}

/// An item as a paragraph: marker, tab, text, hanging under the marker.
fn item_paragraphs(items: &[Item], left: i32, out: &mut Vec<Paragraph>) {
    let marker_w = i32::try_from(MARKER_W).unwrap_or(425);
    for i in items {
        out.push(
            Paragraph::new()
                .add_run(run(&i.marker))
                .add_run(Run::new().add_tab())
                .add_run(run(&i.text))
                .align(AlignmentType::Both)
                .indent(
                    Some(left + marker_w),
                    Some(SpecialIndentType::Hanging(marker_w)),
                    None,
                    None,
                ),
        );
        item_paragraphs(&i.items, left + marker_w, out);
    }
}

fn item_cell_paragraphs(i: &Item) -> Vec<Paragraph> {
    let mut ps = vec![para(&i.text).align(AlignmentType::Both)];
    item_paragraphs(&i.items, 0, &mut ps);
    ps
}

fn labeled(label: &str, text: &str, items: &[Item]) -> Table {
    let rest = TEXT_W - LABEL_W - COLON_W - MARKER_W;
    let grid = vec![LABEL_W, COLON_W, MARKER_W, rest];
    let mut rows = Vec::new();
    let mut first = true;
    if !text.is_empty() {
        rows.push(TableRow::new(vec![
            cell(grid[0], vec![para(label)]),
            cell(grid[1], vec![para(":")]),
            cell(MARKER_W + rest, vec![para(text).align(AlignmentType::Both)]).grid_span(2),
        ]));
        first = false;
    }
    for i in items {
        let (l, c) = if first { (label, ":") } else { ("", "") };
        first = false;
        rows.push(TableRow::new(vec![
            cell(grid[0], vec![para(l)]),
            cell(grid[1], vec![para(c)]),
            cell(grid[2], vec![para(&i.marker)]),
            cell(grid[3], item_cell_paragraphs(i)),
        ]));
    }
    if first {
        rows.push(TableRow::new(vec![
            cell(grid[0], vec![para(label)]),
            cell(grid[1], vec![para(":")]),
            cell(MARKER_W + rest, vec![Paragraph::new()]).grid_span(2),
        ]));
    }
    borderless(rows, grid)
}

pub(crate) fn data_table(t: &crate::model::Table) -> Table {
    let total: usize = t
        .columns
        .iter()
        .map(|c| usize::from(c.width))
        .sum::<usize>()
        .max(1);
    let grid: Vec<usize> = t
        .columns
        .iter()
        .map(|c| TEXT_W * usize::from(c.width) / total)
        .collect();
    let small = |p: Paragraph, center: bool| {
        let p = tight(sized(p, SIZE_TABLE));
        if center {
            p.align(AlignmentType::Center)
        } else {
            p
        }
    };
    let mut rows = vec![TableRow::new(
        t.columns
            .iter()
            .zip(&grid)
            .map(|(c, w)| {
                cell(
                    *w,
                    vec![small(Paragraph::new().add_run(run(&c.header).bold()), true)],
                )
                .vertical_align(VAlignType::Center)
            })
            .collect(),
    )];
    for row in &t.rows {
        rows.push(
            TableRow::new(
                row.iter()
                    .zip(&t.columns)
                    .zip(&grid)
                    .map(|((lines, col), w)| {
                        cell(
                            *w,
                            lines.iter().map(|l| small(para(l), col.center)).collect(),
                        )
                    })
                    .collect(),
            )
            .cant_split(),
        );
    }
    Table::new(rows)
        .set_grid(grid)
        .width(TEXT_W, WidthType::Dxa)
        .layout(TableLayoutType::Fixed)
        .margins(TableCellMargins::new().margin(40, 70, 40, 70))
}

fn blocks(mut d: Docx, list: &[Block], indent: bool) -> Docx {
    for b in list {
        match b {
            Block::Paragraph { text } => {
                let mut p = para(text).align(AlignmentType::Both);
                if indent && !continues(text) {
                    p = p.indent(None, Some(SpecialIndentType::FirstLine(INDENT)), None, None);
                }
                d = d.add_paragraph(p);
            }
            Block::Centered { text } => d = d.add_paragraph(centered(run(text).bold())),
            Block::Labeled { label, text, items } => {
                d = d
                    .add_table(labeled(label, text, items))
                    .add_paragraph(tight(Paragraph::new()));
            }
            Block::List { items } => {
                let mut ps = Vec::new();
                item_paragraphs(items, if indent { INDENT } else { 0 }, &mut ps);
                for p in ps {
                    d = d.add_paragraph(p);
                }
            }
            Block::Table(t) => {
                d = d.add_table(data_table(t)).add_paragraph(Paragraph::new());
            }
        }
    }
    d
}

/// A paragraph starting in lower case continues the sentence before it: no indent.
fn continues(text: &str) -> bool {
    text.chars().next().is_some_and(char::is_lowercase)
}

/// The signature block; every line but the last keeps with the next, so Word never leaves a
/// part of it alone on a page.
pub(crate) fn signature(mut d: Docx, s: &Signature) -> Docx {
    let at = |p: Paragraph| {
        tight(p)
            .indent(Some(SIGNATURE_INDENT), None, None, None)
            .keep_next(true)
    };
    d = d.add_paragraph(Paragraph::new().keep_next(true));
    for l in &s.place_date {
        d = d.add_paragraph(at(para(l)));
    }
    for l in &s.office {
        d = d.add_paragraph(at(para(l)));
    }
    for _ in 0..4 {
        d = d.add_paragraph(at(Paragraph::new()));
    }
    d = d.add_paragraph(at(
        Paragraph::new().add_run(run(&s.name).bold().underline("single"))
    ));
    let tail: Vec<&String> = s.rank.iter().chain(&s.nip).collect();
    for (i, l) in tail.iter().enumerate() {
        d = d.add_paragraph(at(para(l)).keep_next(i + 1 < tail.len()));
    }
    d
}

fn copies(mut d: Docx, list: &[String]) -> Docx {
    if list.is_empty() {
        return d;
    }
    d = d
        .add_paragraph(Paragraph::new())
        .add_paragraph(tight(sized(para(COPIES_HEADING), 20)));
    for (i, c) in list.iter().enumerate() {
        d = d.add_paragraph(
            tight(sized(
                Paragraph::new()
                    .add_run(run(&marker(i, false)))
                    .add_run(Run::new().add_tab())
                    .add_run(run(c)),
                20,
            ))
            .indent(Some(340), Some(SpecialIndentType::Hanging(340)), None, None),
        );
    }
    d
}

fn verification(d: Docx, v: &Verification) -> Result<Docx, LetterError> {
    let png = qr::png(&v.url)?;
    let small = |t: &str| tight(sized(para(t), SIZE_SMALL));
    let grid = vec![1417, TEXT_W - 1417];
    let row = TableRow::new(vec![
        cell(
            grid[0],
            vec![Paragraph::new().add_run(Run::new().add_image(pic(&png, 2.2)?))],
        )
        .vertical_align(VAlignType::Center),
        cell(
            grid[1],
            vec![
                small(VERIFY_URL_LEAD),
                small(&v.url),
                small(VERIFY_SHA_LEAD),
                small(&v.sha),
            ],
        )
        .vertical_align(VAlignType::Center),
    ]);
    Ok(d.add_paragraph(Paragraph::new())
        .add_table(borderless(vec![row], grid)))
}

fn appendix(mut d: Docx, a: &Appendix) -> Docx {
    // An empty paragraph that starts the page: a page-break run would leave an empty page
    // when the letter ends at the bottom of one.
    d = d.add_paragraph(tight(Paragraph::new()).page_break_before(true));
    let width = TEXT_W - usize::try_from(SIGNATURE_INDENT - 680).unwrap_or(0);
    d = d
        .add_table(fields_table(&a.reference, width).indent(SIGNATURE_INDENT - 680))
        .add_paragraph(Paragraph::new());
    for t in &a.title {
        d = d.add_paragraph(tight(centered(run(t).bold())));
    }
    d = d.add_paragraph(Paragraph::new());
    d = blocks(d, &a.body, false);
    signature(d, &a.signature)
}
