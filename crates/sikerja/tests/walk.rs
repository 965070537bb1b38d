//! Issue 15 points 1 and 11: every page of the route table, as each kind of user of the demo,
//! at a phone's width (390 px) and a desktop's (1366 px), in a headless Chromium. A page fails
//! when it is wider than the window (`scrollWidth > innerWidth`) or when axe-core (vendored in
//! `tests/assets/`, see its README) finds a WCAG 2.1 A/AA violation; every failure is listed
//! with its page, user and width.
//!
//! The demo served by the binary (`sikerja serve` on a fresh SQLite file: the whole government
//! with its planning, assignments, results and the Bupati's account) fills the path parameters.
//! Each signed-in user starts from the GET pages without parameters and follows their links;
//! the first link matching a route pattern stands for that pattern. The public visitor then
//! opens every public pattern at a URL the others found. A GET page of the route table that no
//! user reaches fails the test, so a new page is walked as soon as something links to it.
//!
//! Needs `chromedriver` (Debian `chromium-driver`). Without it the test prints a loud line and
//! passes — unless `SIKERJA_REQUIRE_SERVICES=1`, as in CI, where it fails. With
//! `SIKERJA_WALK_SCREENSHOTS=1` every page is saved at both widths under
//! `target/screenshots/walk/`.

use std::collections::{BTreeMap, BTreeSet, VecDeque};
use std::io::{BufRead, BufReader};
use std::path::PathBuf;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use axum::http::Method;
use fantoccini::{Client, ClientBuilder, Locator};
use hyper_util::client::legacy::connect::HttpConnector;
use serde_json::json;
use sikerja_web::authz::Access;

/// axe-core 4.14.1 from npm (MPL-2.0, `tests/assets/axe.LICENSE`).
const AXE: &str = include_str!("assets/axe.min.js");
/// The WCAG 2.1 A and AA rules of axe-core.
const AXE_RUN: &str = "const done = arguments[arguments.length - 1];
axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } })
  .then(r => done(r.violations.map(v => ({ id: v.id, impact: v.impact, help: v.help,
    nodes: v.nodes.slice(0, 3).map(n => n.target.join(' ')) }))))
  .catch(e => done([{ id: 'axe-error', impact: 'critical', help: String(e), nodes: [] }]));";
/// Width and height of the desktop and the phone.
const DESKTOP: (u32, u32) = (1366, 900);
const PHONE: (u32, u32) = (390, 844);

type Step<T = ()> = Result<T, fantoccini::error::CmdError>;

/// `sikerja serve` on a fresh SQLite file with the demo, killed when dropped.
struct Server {
    child: Child,
    base: String,
    _dir: tempfile::TempDir,
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn serve_demo() -> Server {
    let dir = tempfile::tempdir().expect("temp dir");
    let db = dir.path().join("sikerja.db");
    let mut child = Command::new(env!("CARGO_BIN_EXE_sikerja"))
        .arg("serve")
        .env("SIKERJA_DATABASE_URL", format!("sqlite://{}", db.display()))
        .env("SIKERJA_LISTEN", "127.0.0.1:0")
        .env("RUST_LOG", "warn")
        .stdout(Stdio::piped())
        .spawn()
        .expect("binary starts");
    let stdout = child.stdout.take().expect("stdout");
    let mut lines = BufReader::new(stdout).lines();
    let started = Instant::now();
    let mut base = None;
    while started.elapsed() < Duration::from_secs(600) {
        let Some(Ok(line)) = lines.next() else { break };
        if let Some(rest) = line.strip_prefix("Sikerja berjalan di ") {
            base = Some(rest.trim_end_matches('/').to_string());
            break;
        }
    }
    // Keep reading, so that the server never blocks on a full pipe.
    std::thread::spawn(move || for _ in lines {});
    let base = base.expect("the server prints its URL");
    println!("demo served at {base} after {:?}", started.elapsed());
    Server {
        child,
        base,
        _dir: dir,
    }
}

/// A running chromedriver and a headless Chromium on it.
struct Browser {
    client: Client,
    _driver: tokio::process::Child,
    _profile: tempfile::TempDir,
}

async fn browser() -> Option<Browser> {
    let Some(driver) = sikerja_testkit::find_program("chromedriver") else {
        if std::env::var("SIKERJA_REQUIRE_SERVICES").as_deref() == Ok("1") {
            panic!("chromedriver not found and SIKERJA_REQUIRE_SERVICES=1");
        }
        eprintln!("\n!!!!! PAGE WALK NOT RUN: chromedriver not found !!!!!\n");
        return None;
    };
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .map(|a| a.port())
        .expect("a free port");
    let driver = tokio::process::Command::new(driver)
        .arg(format!("--port={port}"))
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .kill_on_drop(true)
        .spawn()
        .expect("chromedriver starts");
    for _ in 0..100 {
        if tokio::net::TcpStream::connect(("127.0.0.1", port))
            .await
            .is_ok()
        {
            break;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    let profile = tempfile::tempdir().expect("profile dir");
    let args = [
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-dev-shm-usage",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--hide-scrollbars",
    ]
    .iter()
    .map(|a| a.to_string())
    .chain([format!("--user-data-dir={}", profile.path().display())])
    .collect::<Vec<_>>();
    let caps = json!({ "goog:chromeOptions": { "binary": "/usr/bin/chromium", "args": args } });
    let client = ClientBuilder::new(HttpConnector::new())
        .capabilities(caps.as_object().cloned().expect("object"))
        .connect(&format!("http://127.0.0.1:{port}"))
        .await
        .expect("webdriver session");
    Some(Browser {
        client,
        _driver: driver,
        _profile: profile,
    })
}

/// The GET pages of the route table with their access rule (the API has its own tests).
fn page_patterns() -> Vec<(String, Access)> {
    sikerja_web::route_table()
        .entries()
        .into_iter()
        .filter(|(m, p, _)| *m == Method::GET && !p.starts_with("/api/"))
        .map(|(_, p, a)| (p, a))
        .collect()
}

/// The route pattern a path belongs to: literal segments equal, `{…}` any non-empty segment.
fn pattern_of<'a>(path: &str, patterns: &'a [(String, Access)]) -> Option<&'a str> {
    let segments: Vec<&str> = path.split('/').collect();
    patterns
        .iter()
        .map(|(p, _)| p.as_str())
        .filter(|p| {
            let ps: Vec<&str> = p.split('/').collect();
            ps.len() == segments.len()
                && ps.iter().zip(&segments).all(|(p, s)| {
                    (p.starts_with('{') && p.ends_with('}') && !s.is_empty()) || p == s
                })
        })
        // A literal pattern wins over one with a parameter (`/penugasan/baru`, `/penugasan/{id}`).
        .min_by_key(|p| p.matches('{').count())
}

/// Who walks: a label for the report and the login (NIP or username), none for the public.
fn walkers() -> Vec<(&'static str, Option<&'static str>)> {
    let p = sikerja_demo::demo_people();
    vec![
        ("Admin BKPSDM", Some(p.bkpsdm_staff.nip)),
        ("Kepala Dinas", Some(p.head_of_office.nip)),
        ("Kepala Bidang", Some(p.administrator.nip)),
        ("JF", Some(p.functional.nip)),
        ("Pelaksana", Some(p.pelaksana.nip)),
        ("Bupati", Some("bupati.banjar")),
        ("Admin Bagian Organisasi", Some(p.organisation_staff.nip)),
    ]
}

/// What the walk found wrong, and what it saw.
#[derive(Default)]
struct Findings {
    failures: Vec<String>,
    /// Route pattern → the first URL found for it.
    found: BTreeMap<String, String>,
    /// Route patterns walked as a page by someone.
    walked: BTreeSet<String>,
    checks: usize,
}

async fn sign_in(c: &Client, base: &str, login: &str) -> Step {
    c.goto(&format!("{base}/masuk")).await?;
    c.find(Locator::Css("input[name=nip]"))
        .await?
        .send_keys(login)
        .await?;
    c.find(Locator::Css("input[name=password]"))
        .await?
        .send_keys(sikerja_web::auth::DEMO_PASSWORD)
        .await?;
    c.find(Locator::Css("form[action='/masuk'] button[type=submit]"))
        .await?
        .click()
        .await?;
    c.wait()
        .at_most(Duration::from_secs(20))
        .for_element(Locator::Css(".account-name"))
        .await?;
    Ok(())
}

async fn sign_out(c: &Client, base: &str) -> Step {
    c.goto(&format!("{base}/")).await?;
    c.execute(
        "document.querySelectorAll('details.site-menu').forEach(d => d.open = true);",
        vec![],
    )
    .await?;
    c.find(Locator::Css("form.sign-out button"))
        .await?
        .click()
        .await?;
    c.wait()
        .at_most(Duration::from_secs(20))
        .for_element(Locator::Css("form[action='/masuk']"))
        .await?;
    Ok(())
}

/// Status and content type of a GET, asked by the page (with its cookies) without leaving it:
/// downloads (XLSX, PDF, DOCX, evidence) are not pages and are not opened.
async fn probe(c: &Client, url: &str) -> Step<(u64, String)> {
    let answer = c
        .execute_async(
            "const done = arguments[arguments.length - 1];
             fetch(arguments[0], { method: 'HEAD', credentials: 'same-origin' })
               .then(r => done([r.status, r.headers.get('content-type') || '']))
               .catch(e => done([0, String(e)]));",
            vec![json!(url)],
        )
        .await?;
    Ok((
        answer[0].as_u64().unwrap_or(0),
        answer[1].as_str().unwrap_or_default().to_string(),
    ))
}

/// Opens `path` and tells whether it is a whole page of ours where it was asked (not a
/// redirect to the sign-in page, nor a fragment for htmx, nor a 204 that leaves the browser
/// where it was).
async fn open_page(c: &Client, base: &str, path: &str) -> Step<bool> {
    c.goto(&format!("{base}{path}")).await?;
    let here = c.current_url().await?;
    let asked = path.split('?').next().unwrap_or(path);
    let page = c
        .execute("return !!document.querySelector('main#isi');", vec![])
        .await?;
    Ok(here.path() == asked && page == json!(true))
}

/// Same-origin links of the page, as path and query.
async fn links(c: &Client) -> Step<Vec<String>> {
    let found = c
        .execute(
            "return Array.from(document.querySelectorAll('a[href]'))
               .filter(a => a.origin === location.origin)
               .map(a => a.pathname + a.search);",
            vec![],
        )
        .await?;
    Ok(found
        .as_array()
        .map(|a| {
            a.iter()
                .filter_map(|v| v.as_str().map(String::from))
                .collect()
        })
        .unwrap_or_default())
}

/// The two checks of one page at one width; failures are recorded, not raised.
async fn check(c: &Client, who: &str, width: u32, path: &str, findings: &mut Findings) -> Step {
    findings.checks += 1;
    let widths = c
        .execute(
            "return [document.documentElement.scrollWidth, window.innerWidth];",
            vec![],
        )
        .await?;
    let (scroll, inner) = (
        widths[0].as_u64().unwrap_or(0),
        widths[1].as_u64().unwrap_or(0),
    );
    if scroll > inner {
        // The outermost elements past the window's edge outside any scrolling container, and
        // those whose own text runs past it: what to fix.
        let culprits = c
            .execute(
                "const w = window.innerWidth;
                 const clipped = e => { for (let a = e.parentElement; a && a !== document.body; a = a.parentElement) {
                   if (getComputedStyle(a).overflowX !== 'visible') return true; } return false; };
                 const over = e => e.getBoundingClientRect().right > w + 1 || e.scrollWidth > e.clientWidth + 1
                   && getComputedStyle(e).overflowX === 'visible' && e.getBoundingClientRect().left + e.scrollWidth > w + 1;
                 const name = e => e.tagName.toLowerCase() + (e.id ? '#' + e.id : '')
                   + (typeof e.className === 'string' && e.className.trim() ? '.' + e.className.trim().split(/\\s+/).join('.') : '');
                 return Array.from(document.querySelectorAll('body *'))
                   .filter(e => over(e) && !clipped(e) && !(e.parentElement !== document.body && over(e.parentElement)))
                   .slice(0, 4).map(name);",
                vec![],
            )
            .await?;
        findings.failures.push(format!(
            "{path} · {who} · {width} px: page {scroll} px wide in a {inner} px window ({culprits})"
        ));
    }
    c.execute(&format!("{AXE}\n;return true;"), vec![]).await?;
    let violations = match c.execute_async(AXE_RUN, vec![]).await {
        Ok(v) => v,
        Err(e) => {
            findings.failures.push(format!(
                "{path} · {who} · {width} px: axe did not finish: {e}"
            ));
            return Ok(());
        }
    };
    for v in violations.as_array().into_iter().flatten() {
        findings.failures.push(format!(
            "{path} · {who} · {width} px: axe {} ({}): {} — {}",
            v["id"].as_str().unwrap_or("?"),
            v["impact"].as_str().unwrap_or("?"),
            v["help"].as_str().unwrap_or("?"),
            v["nodes"]
        ));
    }
    if std::env::var("SIKERJA_WALK_SCREENSHOTS").as_deref() == Ok("1") {
        let dir = screenshots();
        let name = format!("{who}-{path}-{width}")
            .replace(['/', '?', '&', '=', ' '], "_")
            .chars()
            .take(150)
            .collect::<String>();
        let png = c.screenshot().await?;
        std::fs::write(dir.join(format!("{name}.png")), png).expect("screenshot written");
    }
    Ok(())
}

fn screenshots() -> PathBuf {
    let dir = PathBuf::from(
        std::env::var("CARGO_TARGET_DIR")
            .unwrap_or_else(|_| concat!(env!("CARGO_MANIFEST_DIR"), "/../../target").into()),
    )
    .join("screenshots/walk");
    std::fs::create_dir_all(&dir).expect("screenshot folder");
    dir
}

/// Walks the pages `start` leads to at the desktop width, then the same pages on a phone.
async fn walk(
    c: &Client,
    base: &str,
    who: &str,
    start: Vec<String>,
    follow: bool,
    patterns: &[(String, Access)],
    findings: &mut Findings,
) -> Step {
    let mut queue: VecDeque<String> = start.into();
    let mut seen: BTreeSet<String> = queue
        .iter()
        .filter_map(|u| pattern_of(u.split('?').next().unwrap_or(u), patterns))
        .map(String::from)
        .collect();
    let mut pages = Vec::new();
    c.set_window_size(DESKTOP.0, DESKTOP.1).await?;
    while let Some(path) = queue.pop_front() {
        let Some(pattern) = pattern_of(path.split('?').next().unwrap_or(&path), patterns) else {
            continue;
        };
        // Files are not pages, and rendering a letter's PDF takes long in a debug build.
        if not_a_page(pattern) {
            continue;
        }
        let (status, kind) = probe(c, &format!("{base}{path}")).await?;
        if status != 200 || !kind.starts_with("text/html") || !open_page(c, base, &path).await? {
            continue;
        }
        findings.walked.insert(pattern.to_string());
        check(c, who, DESKTOP.0, &path, findings).await?;
        pages.push(path.clone());
        if !follow {
            continue;
        }
        for link in links(c).await? {
            let Some(p) = pattern_of(link.split('?').next().unwrap_or(&link), patterns) else {
                continue;
            };
            findings
                .found
                .entry(p.to_string())
                .or_insert_with(|| link.clone());
            if seen.insert(p.to_string()) {
                queue.push_back(link);
            }
        }
    }
    c.set_window_size(PHONE.0, PHONE.1).await?;
    for path in &pages {
        if open_page(c, base, path).await? {
            check(c, who, PHONE.0, path, findings).await?;
        }
    }
    println!(
        "{who}: {} pages at both widths, {} failures so far",
        pages.len(),
        findings.failures.len()
    );
    Ok(())
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_page_fits_a_phone_and_a_desktop_and_passes_axe_for_every_kind_of_user() {
    let Some(browser) = browser().await else {
        return;
    };
    let started = Instant::now();
    let server = serve_demo();
    let patterns = page_patterns();
    let c = &browser.client;
    c.update_timeouts(fantoccini::wd::TimeoutConfiguration::new(
        Some(Duration::from_secs(120)),
        Some(Duration::from_secs(120)),
        None,
    ))
    .await
    .expect("timeouts set");
    let base = server.base.as_str();
    let mut findings = Findings::default();
    let plain: Vec<String> = patterns
        .iter()
        .filter(|(p, _)| !p.contains('{'))
        .map(|(p, _)| p.clone())
        .collect();
    // `SIKERJA_WALK_ONLY=Bupati,JF` walks some kinds of user (while fixing what they found).
    let only = std::env::var("SIKERJA_WALK_ONLY").ok();
    let result: Step = async {
        for (who, login) in walkers() {
            let Some(login) = login else { continue };
            if only
                .as_deref()
                .is_some_and(|o| !o.split(',').any(|o| o == who))
            {
                continue;
            }
            sign_in(c, base, login).await?;
            walk(c, base, who, plain.clone(), true, &patterns, &mut findings).await?;
            c.set_window_size(DESKTOP.0, DESKTOP.1).await?;
            sign_out(c, base).await?;
        }
        if only
            .as_deref()
            .is_some_and(|o| !o.split(',').any(|o| o == "publik"))
        {
            return Ok(());
        }
        // The public visitor: every public page, where the others found one.
        let public: Vec<String> = patterns
            .iter()
            .filter(|(_, a)| *a == Access::Public)
            .filter_map(|(p, _)| {
                findings
                    .found
                    .get(p)
                    .cloned()
                    .or_else(|| (!p.contains('{')).then(|| p.clone()))
            })
            .collect();
        walk(c, base, "publik", public, false, &patterns, &mut findings).await
    }
    .await;
    c.clone().close().await.ok();
    result.expect("the walk ran");
    for (pattern, _) in &patterns {
        if only.is_none()
            && !findings.walked.contains(pattern)
            && !not_a_page(pattern)
            && !NO_DEMO_DATA.contains(&pattern.as_str())
        {
            findings.failures.push(format!(
                "{pattern}: no user reached this page by a link (link it, or add demo data)"
            ));
        }
    }
    println!(
        "{} checks of {} page patterns in {:?}",
        findings.checks,
        findings.walked.len(),
        started.elapsed()
    );
    assert!(
        findings.failures.is_empty(),
        "{} failures:\n{}",
        findings.failures.len(),
        findings.failures.join("\n")
    );
}

/// Pages the demo has no data for: the demo issues no letter, so no verification code exists
/// (the browser scenario of crates/web/tests/browser_support/assignment.rs issues one and opens
/// its verification page).
/// The demo has no business-process maps yet (issue 17 point 6): a map's page and its editor
/// are walked once the demo has one.
const NO_DEMO_DATA: &[&str] = &[
    "/verifikasi/{code}",
    "/peta-proses/{id}",
    "/peta-proses/{id}/ubah",
];

/// GET routes that are not pages: files to download (a map's version as `.bpmn`), images (the letterhead's logo, shown in
/// an `<img>` on `/admin/surat` when one is stored) and fragments for htmx.
fn not_a_page(pattern: &str) -> bool {
    pattern.ends_with(".xlsx")
        || pattern.ends_with(".csv")
        || pattern.ends_with("/pdf")
        || pattern.ends_with("/docx")
        || pattern.contains("/bukti/")
        || pattern.ends_with("/menu")
        || pattern.ends_with("/logo")
        || pattern.ends_with("/versi/{file}")
        // The operational routes (issue 19 point 3): plain text and JSON for machines.
        || matches!(pattern, "/healthz" | "/readyz" | "/metrics")
}
