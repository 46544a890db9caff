//! Tests for markup extraction: expected text and per-char source alignment on hand-made
//! inputs, malformed inputs, and the web corpus when present.
//!
//! Talks to the parent API and to `json`/`prescan` for the independent slice decoder.

use scraper::Html;

use super::json::json_unescape;
use super::prescan::Mapped;
use super::*;

/// Decodes an input slice the independent way: JSON escapes, then html5ever on the result.
fn decode_slice(slice: &str) -> String {
    let m = Mapped::with_ranges(slice.to_string(), vec![(0, 0); slice.len()], 0);
    let unescaped = json_unescape(&m, 0, slice.len()).text;
    Html::parse_fragment(&unescaped)
        .root_element()
        .text()
        .collect()
}

fn check_alignment(input: &str, m: &MarkupText) {
    assert_eq!(m.text.chars().count(), m.src.len(), "one range per char");
    for (i, (c, &(s, e))) in m.text.chars().zip(&m.src).enumerate() {
        assert!(
            s <= e && e as usize <= input.len(),
            "char {i} {c:?}: bad range {s}..{e}"
        );
        if s == e {
            continue;
        }
        let slice = input
            .get(s as usize..e as usize)
            .unwrap_or_else(|| panic!("char {i}: {s}..{e} off char boundary"));
        if slice == c.to_string() || (c == ' ' && slice.chars().all(|x| x.is_ascii_whitespace())) {
            continue;
        }
        let dec = decode_slice(slice);
        let ok = dec.contains(c)
            || (c == ' ' && !dec.is_empty() && dec.chars().all(char::is_whitespace));
        assert!(ok, "char {i} {c:?} maps to {slice:?} (decodes to {dec:?})");
    }
}

fn run(input: &str) -> String {
    let m = markup_to_text(input);
    check_alignment(input, &m);
    m.text
}

#[test]
fn markdown_with_html_keeps_its_blank_line_paragraphs() {
    // An archive page: Markdown headings and numbered lines between blank lines, with HTML
    // paragraphs further down. HTML alone would run the numbered lines into one.
    let input = "# 《新闻联播》 (20250404)\n\n## 新闻摘要\n\n1.第一条新闻；\n\n\n2.第二条新闻；\n\n<p>正文一段。</p><p>正文\n二段。</p>";
    let m = markup_to_text(input);
    check_alignment(input, &m);
    assert_eq!(
        m.text,
        "# 《新闻联播》 (20250404)\n\n## 新闻摘要\n\n1.第一条新闻；\n\n2.第二条新闻；\n\n正文一段。\n\n正文二段。"
    );
    // The same blank lines in an HTML page still collapse.
    let page = "<html><body><p>第一条新闻；\n\n第二条新闻；</p></body></html>";
    assert_eq!(run(page), "第一条新闻；第二条新闻；");
}

#[test]
fn paragraphs_from_blocks_and_br() {
    let t = run(concat!(
        "<html><body><p>第一段  文字</p><div>第二段<br>换行<span>内联</span></div>",
        "<p></p><p>末段</p></body></html>"
    ));
    assert_eq!(t, "第一段 文字\n\n第二段\n换行内联\n\n末段");
}

#[test]
fn entities_map_to_whole_entity() {
    let input = "<p>甲&middot;乙&#8220;丙&#x201d;&amp;&lt;b&gt;&nbsp;丁</p>";
    let m = markup_to_text(input);
    check_alignment(input, &m);
    assert_eq!(m.text, "甲·乙“丙”&<b>\u{a0}丁");
    let i = m.text.chars().position(|c| c == '·').unwrap();
    let (s, e) = m.src[i];
    assert_eq!(&input[s as usize..e as usize], "&middot;");
}

#[test]
fn script_style_comments_dropped_title_kept() {
    let t = run(concat!(
        "<html><head><title>会议标题</title><style>p{color:red}</style>",
        "<script>var a='<p>不要</p>';</script></head>",
        "<body><!-- 注释 --><p>正文内容</p><noscript>无脚本</noscript></body></html>"
    ));
    assert_eq!(t, "会议标题\n\n正文内容");
}

#[test]
fn jsp_directive_and_expression_in_attribute() {
    let input = concat!(
        r#"<%@ page contentType="text/html;charset=UTF-8"%>"#,
        "\n<%-- 注释 <%=x%> --%>\n<html><body>",
        r#"<a href="<%=path%>/index.jsp">首页</a><% String s = "<p>代码</p>"; %>"#,
        "<p>同志们：${user.name}</p><?php echo '<p>php</p>'; ?></body></html>"
    );
    let t = run(input);
    assert_eq!(t, "首页\n\n同志们：");
}

#[test]
fn cset_value_extraction() {
    let input = r#"<%@ taglib prefix="c" uri="x" %><html><body>
<c:set var="superiorTitle" value="园地" />
<c:set var="title" value="学习传达党代会精神" scope="page" />
<c:set var="content" value="
<strong>书记  邓  艳</strong><br/>
段党代会隆重召开，
这是一件大事。&amp;" scope="page" />
<c:set var="imgSummary" value="学习传达党代会精神" scope="page" />
</body></html>"#;
    let t = run(input);
    assert_eq!(
        t,
        "学习传达党代会精神\n\n书记 邓 艳\n段党代会隆重召开，这是一件大事。&"
    );
}

#[test]
fn java_string_with_unicode_escape_and_escaped_slash() {
    let input = concat!(
        "package a.b;\n/**\n * data : {\"author\":\"李彬彬\",",
        r#""comment":"<p><span style=\"color: red;\">  会议召开\u201c改革创新\u201d大讨论。"#,
        r#"<\/span><\/p><p>第二段\n内容<\/p>","#,
        r#""title":"中条林局召开\u201c改革创新\u201d大讨论会议"}"#,
        "\n */\npublic class A { private String author; }\n"
    );
    let m = markup_to_text(input);
    check_alignment(input, &m);
    assert_eq!(
        m.text,
        "会议召开“改革创新”大讨论。\n\n第二段内容\n\n中条林局召开“改革创新”大讨论会议"
    );
    let i = m.text.chars().position(|c| c == '“').unwrap();
    let (s, e) = m.src[i];
    assert_eq!(&input[s as usize..e as usize], "\\u201c");
}

#[test]
fn fullwidth_indented_paragraphs() {
    let t = run(concat!(
        "<div>\u{3000}\u{3000}同志们：<br>\u{3000}\u{3000}今天我们召开会议。\u{3000}</div>",
        "<p>&nbsp;</p><p>\u{3000}</p><p>\u{3000}\u{3000}谢谢大家！</p>"
    ));
    assert_eq!(t, "同志们：\n今天我们召开会议。\n\n谢谢大家！");
}

#[test]
fn plain_text_keeps_lines() {
    let input = "标题\r\n\r\n 第一段，\r\n第二行\n \n第二段";
    assert!(!looks_like_markup(input));
    assert_eq!(run(input), "标题\n\n第一段，\n第二行\n\n第二段");
}

#[test]
fn sniffing() {
    assert!(looks_like_markup("<%@ page language=\"java\"%>"));
    assert!(looks_like_markup("<?php echo 1; ?>"));
    assert!(looks_like_markup("x = \"<p>a<\\/p>\""));
    assert!(looks_like_markup("<div>a</div><p>b</p>"));
    assert!(!looks_like_markup(
        "同志们：今天我们召开会议。a < b 且 c > d。"
    ));
}

#[test]
fn malformed_never_panics() {
    let inputs = [
        "<p>未闭合<div>嵌套<span>文字",
        "a < b <",
        "<",
        "&",
        "&#",
        "&#x;",
        "&#99999999999;",
        "<!--",
        "<!-->x",
        "</",
        "</ >x",
        "<a href=\"x>文字",
        "<%",
        "<?php",
        "${",
        "<table>甲<tr><td>乙</td></tr>丙</table>",
        "\"k\":\"\\u12\"",
        "\"k\":\"\\ud800<p>中文中文中文中文中文</p>\"",
        "<c:set var=\"content\" value=\"<p>文",
        "<title>a<b>c</title>",
        "<textarea><p>x</textarea>",
        "<p>\u{0}\r\n中</p>",
        "&copy2023&notit; &amp",
    ];
    for input in inputs {
        run(input);
    }
    let deep = "<div>".repeat(3_000) + "深";
    assert_eq!(run(&deep), "深");
    let mut junk = String::new();
    for i in 0..3000u32 {
        junk.push(char::from_u32(0x20 + (i * 7919) % 0x3000).unwrap_or('<'));
        junk.push_str(["<", "&", ">", "\"", "<p>", "</", "<!--", "\\u", "中"][(i % 9) as usize]);
    }
    run(&junk);
}

#[test]
fn web_corpus() {
    let dir = std::path::Path::new("/work/shared/corpus/web");
    let Ok(entries) = std::fs::read_dir(dir) else {
        println!("skipping: {} is absent", dir.display());
        return;
    };
    let mut paths: Vec<_> = entries.filter_map(|e| e.ok().map(|e| e.path())).collect();
    paths.sort();
    for path in paths {
        let Ok(input) = std::fs::read_to_string(&path) else {
            continue;
        };
        let m = markup_to_text(&input);
        check_alignment(&input, &m);
        let n = m.text.chars().filter(|c| !c.is_whitespace()).count();
        let cjk = cjk_count(&m.text);
        println!(
            "== {} ({} chars, {} CJK)\n{}\n",
            path.display(),
            n,
            cjk,
            m.text.chars().take(300).collect::<String>()
        );
        assert!(
            n >= 200 && cjk * 2 > n,
            "{}: {n} chars, {cjk} CJK",
            path.display()
        );
        // Cut files are the commonest malformed input: every prefix must still align.
        for cut in (1..input.len()).step_by(331) {
            if input.is_char_boundary(cut) {
                check_alignment(&input[..cut], &markup_to_text(&input[..cut]));
            }
        }
    }
}
