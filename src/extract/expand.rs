//! Expansions: the members a text spells out for a numeral formula — after it
//! (“四个库”，即：问题库、困难库…; “五好”标准（即思想品德好、…）), or before it
//! (“理论理想、党章党纪…”四面镜子; 领导责任制、督导制度…等四项制度).
//!
//! Talks to `segment` to trim a leading verb phrase off the first member.

use crate::numeral;
use crate::segment::Segmenter;
use std::ops::Range;

/// The count a formula's numerals announce: 四个库 → 4, 五有、四落实 → 9, 两为主 → 2.
pub fn formula_count(canonical: &str) -> Option<u32> {
    // 十一五 … 十四五: a five-year plan by its number, a name that counts no members.
    if let ['十', n, '五'] = canonical.chars().collect::<Vec<_>>()[..] {
        if numeral::digit_value(n).is_some_and(|d| d >= 1) {
            return None;
        }
    }
    let mut total = 0u64;
    let mut run = String::new();
    let mut first = true;
    let mut after_ge = false;
    let mut prev = '\0';
    for c in canonical.chars().chain(std::iter::once('。')) {
        if numeral::is_cn_numeral_char(c) {
            if run.is_empty() {
                after_ge = prev == '个';
            }
            run.push(c);
            prev = c;
            continue;
        }
        prev = c;
        if !run.is_empty() {
            // 九五, 八五: digits read one by one name a plan (the Ninth Five-Year Plan), they
            // count no members.
            if first && run.chars().count() >= 2 && !run.contains(['十', '百', '千', '万']) {
                return None;
            }
            // 四个一, 两个三: a numeral after 个 is the member, not a count.
            if first || !after_ge {
                total += run_count(&run);
            }
            run.clear();
            first = false;
        } else if first {
            return None; // not numeral-led
        }
    }
    (total >= 2).then_some(total as u32)
}

/// What a run of numerals adds to a formula's count. A formula counts its members, not
/// hundreds of things: the numeral before a magnitude is the count (四千行动 and 四百 have four
/// members, 五千工程 five), a magnitude alone adds nothing (千里林带 in 两岸青山·千里林带, 百项,
/// the 亿 of 两个10亿元), and magnitudes in a row that make no number are tiers (十百千万 → 4).
fn run_count(run: &str) -> u64 {
    const MAGNITUDES: [char; 4] = ['百', '千', '万', '亿'];
    let value = numeral::parse_int(run);
    let Some(at) = run.find(MAGNITUDES) else {
        return value.unwrap_or(0);
    };
    if value.is_none() && run.chars().all(|c| c == '十' || MAGNITUDES.contains(&c)) {
        return run.chars().count() as u64;
    }
    numeral::parse_int(&run[..at]).unwrap_or(0)
}

const LIST_SEPS: [char; 4] = ['、', '，', '；', ','];

/// Members stated for the formula at `range` (byte range in `text`, quotes included).
/// Fewer or more members than the count announces are no expansion: what was found is
/// something else (narrative after a colon, a quotation before the formula, the members of
/// two formulas side by side: “三大高地”“五大战略”：…), not its members.
pub fn expansion(text: &str, range: &Range<usize>, count: u32) -> Vec<String> {
    let formula = text[range.clone()].trim_matches(['“', '”']);
    let mut items = after_members(text, range.end, formula, count);
    if items.len() < 2 {
        items = before_members(text, range.start, count);
    }
    if items.len() < 2 || items.len() != count as usize {
        return Vec::new();
    }
    trim_items(items)
}

/// 即… / （…） / ：… right after the formula (a short head noun such as 标准 may stand between).
/// The members end before the formula is named again (……、涉企执法检查“五个专项治理”).
fn after_members(text: &str, end: usize, formula: &str, count: u32) -> Vec<String> {
    let rest = &text[end..];
    let head: String = rest.chars().take(5).collect();
    // 即 of 在即, 立即, 随即 is no “namely”.
    let namely = head
        .char_indices()
        .find(|&(i, c)| c == '即' && !head[..i].ends_with(['在', '立', '随', '旋', '当', '迫']));
    let (skip, close): (usize, &[char]) = if let Some(p) = head.find("（即") {
        (p + "（即".len(), &['）'])
    } else if let Some(p) = head.find('（') {
        (p + '（'.len_utf8(), &['）'])
    } else if let Some((p, _)) = namely {
        (p + '即'.len_utf8(), &['。', '\n'])
    } else if rest.starts_with('：') {
        ('：'.len_utf8(), &['。', '\n'])
    } else {
        return Vec::new();
    };
    let body = rest[skip..].trim_start_matches(['：', ':', ' ', '\n']);
    // （是指…）, （指…）: the gloss says what follows is the members.
    let body = ["是指", "指的是", "指"]
        .iter()
        .find_map(|w| body.strip_prefix(w))
        .unwrap_or(body);
    // 一是…二是… after the colon is an outline series (the lists stage ties it), not members.
    let mut probe = Vec::new();
    crate::outline::marker::scan_paragraph(prefix(body, 12), 0, 0, &mut probe);
    if probe.first().is_some_and(|m| m.start == 0) {
        return Vec::new();
    }
    // Look for the closing mark only as far as members may reach, not to the document's end.
    let body = prefix(body, 1200);
    let body = &body[..body.find(close).unwrap_or(body.len())];
    let body = match formula.is_empty() {
        true => body,
        false => &body[..body.find(formula).unwrap_or(body.len())],
    };
    split_items(body.trim_end_matches(['“', '”']), count)
}

/// At most `max` bytes of `s`, cut at a char boundary.
fn prefix(s: &str, max: usize) -> &str {
    &s[..crate::scan::floor_char_boundary(s, max)]
}

/// A quoted list ending right before the formula, or a list closed by 等 + the count.
fn before_members(text: &str, start: usize, count: u32) -> Vec<String> {
    let head = &text[..start];
    if let Some(inner) = head.strip_suffix('”') {
        if let Some(open) = inner.rfind('“') {
            return split_items(&inner[open + '“'.len_utf8()..], count);
        }
    }
    // …、…和…等四项制度: the clause before 等 holds the members.
    let Some(body) = head.strip_suffix('等') else {
        return Vec::new();
    };
    let clause_start = body
        .rfind(['，', '。', '；', '：', '\n'])
        .map(|p| p + body[p..].chars().next().map_or(1, char::len_utf8))
        .unwrap_or(0);
    let clause = &body[clause_start..];
    // 第二个“4”是指生物制造、氢能…等“四新”: the members follow the gloss.
    let clause = ["是指", "包括", "即"]
        .iter()
        .find_map(|w| clause.rfind(w).map(|p| &clause[p + w.len()..]))
        .unwrap_or(clause);
    let items = split_items(clause, count);
    if items.len() as u32 == count {
        items
    } else {
        Vec::new()
    }
}

/// The members of `body`: split at the coarsest marks that give the announced count (the
/// members of 七个有之 hold 、 and end at ，; clauses that are members are not split at 和),
/// or the list that is the first clause (其中A、B和C，相比…), else at every list mark.
fn split_items(body: &str, count: u32) -> Vec<String> {
    for seps in [&['；'][..], &['；', '，'][..]] {
        if body.contains(seps) {
            let items = split_by(body, seps, false);
            if items.len() == count as usize {
                return items;
            }
        }
    }
    if let Some(p) = body.find(['，', '；']) {
        // 和 joins the last two members only where that gives the count: 党员和群众之间必谈
        // is one member.
        for at_and in [false, true] {
            let items = split_by(&body[..p], &LIST_SEPS, at_and);
            if items.len() == count as usize {
                return items;
            }
        }
    }
    // Members that are clauses of their own (看自己是否…，…；看自己是否…) are split at ；only.
    let seps: &[char] = if body.contains('；') {
        &['；']
    } else {
        &LIST_SEPS
    };
    let plain = split_by(body, seps, false);
    if plain.len() == count as usize {
        return plain;
    }
    split_by(body, seps, true)
}

fn split_by(body: &str, seps: &[char], at_and: bool) -> Vec<String> {
    body.split(seps)
        .flat_map(|part| match at_and {
            true => split_at_and(part),
            false => vec![part],
        })
        .map(|s| {
            let s = s
                .trim_matches(|c: char| c.is_whitespace() || "“”‘’".contains(c))
                .trim_start_matches("其中");
            // The trim takes a quotation mark the member needs: “平急两用”公共设施建设.
            let quotes = || s.chars().filter(|c| matches!(c, '“' | '”'));
            match (quotes().next(), quotes().next_back()) {
                (Some('”'), _) => format!("“{s}"),
                (_, Some('“')) => format!("{s}”"),
                _ => s.to_owned(),
            }
        })
        .filter(|s| !s.is_empty())
        .collect()
}

/// A part split at the 和/及/以及 that joins the last two members, where jieba cuts it as a
/// word of its own: 和谐, 及时 and 涉及 stay whole.
fn split_at_and(part: &str) -> Vec<&str> {
    if !part.contains(['和', '及']) {
        return vec![part];
    }
    let cut = Segmenter::global().cut(part);
    let and = cut
        .iter()
        .rev()
        .find(|r| matches!(&part[(*r).clone()], "和" | "及" | "以及"));
    match and {
        Some(r) if part[..r.start].chars().count() >= 2 && r.end < part.len() => {
            vec![&part[..r.start], &part[r.end..]]
        }
        _ => vec![part],
    }
}

/// Drop a verb phrase (建立, 及时建立完善了) that only the first member carries, because it
/// governs the whole list rather than belonging to the member.
fn trim_items(mut items: Vec<String>) -> Vec<String> {
    let seg = Segmenter::global();
    // Verbs and the words that lead into them (及时/c, 认真/ad, 进一步/d, 对/p, 了/ul, 我们/r).
    let verbal = |tag: &str| {
        tag.starts_with('v') || matches!(tag, "d" | "ad" | "c" | "p" | "ul" | "u" | "r")
    };
    let verb_led = |s: &str| seg.first_tag(s).is_some_and(|t| verbal(&t));
    if items.len() >= 3
        && verb_led(&items[0])
        && items[1..].iter().filter(|s| !verb_led(s)).count() * 2 > items.len() - 1
    {
        let toks = seg.tag(&items[0]);
        let cut = toks
            .iter()
            .position(|t| !verbal(t.tag))
            .map(|i| toks[i].range.start)
            .unwrap_or(0);
        if cut > 0 && cut < items[0].len() {
            items[0] = items[0][cut..].to_owned();
        }
    }
    items
}

#[cfg(test)]
mod tests {
    use super::*;

    fn exp(text: &str, formula: &str) -> Vec<String> {
        let start = text.find(formula).expect("formula in text");
        let count =
            formula_count(&crate::extract::slogans::canonical(formula)).expect("numeral-led");
        expansion(text, &(start..start + formula.len()), count)
    }

    #[test]
    fn counts_of_formulas() {
        assert_eq!(formula_count("四个库"), Some(4));
        assert_eq!(formula_count("五有四落实"), Some(9));
        assert_eq!(formula_count("两为主"), Some(2));
        assert_eq!(formula_count("四个一"), Some(4));
        assert_eq!(formula_count("两个三"), Some(2));
        assert_eq!(formula_count("照镜子"), None);
        assert_eq!(formula_count("九五"), None);
        assert_eq!(formula_count("十五字诀"), Some(15));
    }

    /// The bug of the formula review (G1): magnitudes were multiplied out and added, so
    /// 四千行动 counted 4000 members, 四百 400, 五千工程 5000, 两个10亿元 100000002.
    #[test]
    fn a_magnitude_in_a_formula_counts_no_members() {
        assert_eq!(formula_count("四千行动"), Some(4));
        assert_eq!(formula_count("四百"), Some(4));
        assert_eq!(formula_count("五千工程"), Some(5));
        assert_eq!(formula_count("两个10亿元"), Some(2));
        assert_eq!(formula_count("五重百项"), Some(5));
        assert_eq!(formula_count("两岸青山千里林带"), Some(2));
        assert_eq!(formula_count("十百千万"), Some(4));
        // Numbers without a magnitude count as before; plans count none.
        assert_eq!(formula_count("二十条"), Some(20));
        assert_eq!(formula_count("十大"), Some(10));
        assert_eq!(formula_count("六轴七廊八通道"), Some(21));
        assert_eq!(formula_count("两个一百年"), Some(2));
        assert_eq!(formula_count("十四五"), None);
        assert_eq!(formula_count("九五"), None);
    }

    #[test]
    fn members_after_ji_colon_and_parenthesis() {
        assert_eq!(
            exp(
                "建立“四个库”，即：问题库、困难库、建议库、成果库。针对问题",
                "“四个库”"
            ),
            ["问题库", "困难库", "建议库", "成果库"]
        );
        assert_eq!(
            exp(
                "做到“五好”标准（即思想品德好、遵纪守法好、服务群众好、立足岗位好、参与公益好）。二是",
                "“五好”"
            ),
            [
                "思想品德好",
                "遵纪守法好",
                "服务群众好",
                "立足岗位好",
                "参与公益好"
            ]
        );
        assert_eq!(exp("要建立“四项制度”。即建立领导责任制，领导干部联络点制度，督查制度，群众监督评价制度。在", "“四项制度”"), ["领导责任制", "领导干部联络点制度", "督查制度", "群众监督评价制度"]);
        assert_eq!(
            exp(
                "要牢记“四句话”。即提高党员素质，加强基层组织，服务人民群众，促进各项工作。",
                "“四句话”"
            ),
            [
                "提高党员素质",
                "加强基层组织",
                "服务人民群众",
                "促进各项工作"
            ]
        );
    }

    /// The bugs of the shared-corpus review: a gloss's 是指 taken into the first member, and
    /// fewer members than announced (narrative after a colon) kept as the expansion.
    #[test]
    fn glosses_and_too_few_members() {
        assert_eq!(
            exp(
                "推动“两新”（是指大规模设备更新、消费品以旧换新）政策落地",
                "“两新”"
            ),
            ["大规模设备更新", "消费品以旧换新"]
        );
        assert!(exp(
            "坚持“五个更加注重”：——更加注重强化战略引领，突出战略导向。",
            "“五个更加注重”"
        )
        .is_empty());
    }

    /// The bug: members that hold 、 were split there, 七个有之 into 搞任人唯亲 / 排斥异己的有之.
    #[test]
    fn members_holding_a_dunhao_split_at_commas_when_that_gives_the_count() {
        assert_eq!(
            exp(
                "坚决防止“三个有之”：搞任人唯亲、排斥异己的有之，搞团团伙伙、拉帮结派的有之，搞匿名诬告、制造谣言的有之。",
                "“三个有之”"
            ),
            [
                "搞任人唯亲、排斥异己的有之",
                "搞团团伙伙、拉帮结派的有之",
                "搞匿名诬告、制造谣言的有之"
            ]
        );
    }

    #[test]
    fn semicolon_members_and_outline_series() {
        let got = exp(
            "力求做到“两看”：看自己是否承认纲领，参加组织；看自己是否加强锻炼，努力成为先锋。二是",
            "“两看”",
        );
        assert_eq!(
            got,
            [
                "看自己是否承认纲领，参加组织",
                "看自己是否加强锻炼，努力成为先锋"
            ]
        );
        assert!(exp(
            "把握“两个方面的关系”：一是要把握好主与次。二是要把握好源与流。",
            "“两个方面的关系”"
        )
        .is_empty());
    }

    #[test]
    fn long_members_are_cut_on_char_boundaries() {
        // Regression: a 12-byte probe cut 重 in half after “六稳”：（1）做好重点群体…
        let t = format!(
            "做到“两保”：（1）做好重点群体就业{}；（2）持续改善民生。",
            "工作".repeat(400)
        );
        // （1）… opens an outline series, so no members are taken; the point is not panicking.
        assert!(exp(&t, "“两保”").is_empty());
        let t = format!(
            "做到“两保”：做好重点群体就业{}；持续改善民生。",
            "工作".repeat(150)
        );
        assert_eq!(exp(&t, "“两保”").len(), 2);
    }

    /// The bugs of the expansion review on ../shared/corpus: 和 inside a word (和谐) split a
    /// member, 在即 and 立即 read as 即 “namely”, members run on past the list or into the
    /// formula named again, and a list of more members than announced cut to the count.
    #[test]
    fn members_end_where_the_list_ends() {
        assert_eq!(
            exp("分两步走：从二〇二〇年到二〇三五年基本实现社会主义现代化；从二〇三五年到本世纪中叶把我国建成富强民主文明和谐美丽的社会主义现代化强国。", "两步走")[1],
            "从二〇三五年到本世纪中叶把我国建成富强民主文明和谐美丽的社会主义现代化强国"
        );
        assert!(exp(
            "全国“两会”在即，要高度重视、认真做好今年建议提案办理工作。",
            "“两会”"
        )
        .is_empty());
        assert!(exp(
            "支持“两国方案”，并立即停止针对巴勒斯坦人的暴力和煽动行为。",
            "“两国方案”"
        )
        .is_empty());
        assert_eq!(
            exp("实现“三个下降”：其中年均受灾人次、因灾死亡失踪人数和因灾直接经济损失占国内生产总值比，相比前五年分别下降36.0%、22.9%、39.0%。", "“三个下降”"),
            ["年均受灾人次", "因灾死亡失踪人数", "因灾直接经济损失占国内生产总值比"]
        );
        assert_eq!(
            exp("做到“四必谈”，即干部之间必谈、干部与群众之间必谈、党员之间必谈、党员和群众之间必谈，互谈率达到100%。", "“四必谈”"),
            ["干部之间必谈", "干部与群众之间必谈", "党员之间必谈", "党员和群众之间必谈"]
        );
        assert!(exp("“五个专项治理”：2025年6月，印发《方案》，部署开展违规设置门槛、拖欠账款、侵害产权、违规收费、执法检查“五个专项治理”，进一步优化环境。", "“五个专项治理”").is_empty());
        assert!(exp("“三大高地”“五大战略”：老区高地、改革高地、生态高地，升级战略、带动战略、数字战略、开放战略、人才战略。", "“五大战略”").is_empty());
        assert_eq!(
            exp(
                "实施“三大工程”：保障性住房建设、“平急两用”公共基础设施建设和城中村改造。",
                "“三大工程”"
            ),
            ["保障性住房建设", "“平急两用”公共基础设施建设", "城中村改造"]
        );
        assert_eq!(
            exp(
                "第二个“4”是指生物制造、氢能、脑机接口、具身智能等“四新”未来产业",
                "“四新”"
            ),
            ["生物制造", "氢能", "脑机接口", "具身智能"]
        );
    }

    #[test]
    fn members_before_a_formula() {
        assert_eq!(
            exp(
                "围绕“理论理想、党章党纪、民心民声、先辈先进”四面镜子和作风",
                "四面镜子"
            ),
            ["理论理想", "党章党纪", "民心民声", "先辈先进"]
        );
        assert_eq!(exp("及时建立完善了领导责任制、督导制度、党员领导干部联系点制度和群众监督评价制度等四项制度，确保", "四项制度"), ["领导责任制", "督导制度", "党员领导干部联系点制度", "群众监督评价制度"]);
    }
}
