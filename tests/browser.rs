//! The `--html` report rendered in headless Chromium: the highlighted passages are in the
//! rendered DOM, and a screenshot is written for a person to look at. Skips, saying why, when
//! no Chromium is installed (`.ci/run` installs Debian's `chromium`).

use std::path::{Path, PathBuf};
use std::process::Command;

fn browser() -> Option<PathBuf> {
    let path = std::env::var_os("PATH")?;
    ["chromium", "chromium-browser", "google-chrome"]
        .iter()
        .flat_map(|name| std::env::split_paths(&path).map(move |d| d.join(name)))
        .find(|p| p.is_file())
}

fn run_browser(browser: &Path, args: &[&str]) -> std::process::Output {
    Command::new(browser)
        .args([
            "--headless",
            "--disable-gpu",
            "--no-sandbox",
            "--no-first-run",
        ])
        .args(["--disable-dev-shm-usage", "--hide-scrollbars"])
        .args(args)
        .output()
        .expect("browser runs")
}

#[test]
fn html_report_renders_with_highlighted_passages() {
    let Some(browser) = browser() else {
        println!("skipped: no chromium, chromium-browser or google-chrome on PATH");
        return;
    };
    let dir = tempfile::tempdir().expect("temp dir");
    let html = dir.path().join("report.html");
    let out = Command::new(env!("CARGO_BIN_EXE_tifa"))
        .args([
            "compare",
            "corpus/000_c1dd23876f65785c.txt",
            "corpus/001_a285daf0cd519617.txt",
            "--html",
        ])
        .arg(&html)
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .output()
        .expect("tifa runs");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let url = format!("file://{}", html.display());

    let dom = run_browser(&browser, &["--dump-dom", &url]);
    let dom = String::from_utf8_lossy(&dom.stdout);
    assert!(
        dom.contains("<mark class=\"reuse\""),
        "no highlighted passage in the DOM"
    );
    // The longest passage of the two seeds: anchored on both sides, highlighted in the text.
    assert!(dom.contains("id=\"c0-a15\"") && dom.contains("id=\"c0-b15\""));
    assert!(dom.contains("href=\"#c0-b15\""));
    assert!(dom.matches("<mark class=\"reuse\"").count() >= 30);
    assert!(dom.contains("光荣而艰巨的任务"));
    assert!(dom.contains("Slogans") && dom.contains("Requirements"));

    let shot = Path::new(env!("CARGO_TARGET_TMPDIR")).join("compare-report.png");
    let _ = std::fs::remove_file(&shot);
    let arg = format!("--screenshot={}", shot.display());
    let out = run_browser(&browser, &[&arg, "--window-size=1280,900", &url]);
    assert!(
        shot.is_file(),
        "no screenshot: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    eprintln!("screenshot: {}", shot.display());
}
