//! Unit tests of what a metric counts and what amount it states: currencies and fines, Chinese
//! numerals with 一 inside, windows of time and distance, and the noun phrase after the unit.

use super::tests::{nouns, owned, run};

#[test]
fn a_currency_beside_the_figure_is_part_of_the_amount_not_its_noun() {
    // After the figure: what is counted follows it or stands before the figure.
    assert_eq!(
        nouns("我国服务进出口总额44722.7亿元人民币，同比增长。"),
        owned(&[(44722.7e8, "总额")])
    );
    assert_eq!(
        nouns("财政部在香港发行120亿元人民币国债。"),
        owned(&[(120e8, "国债")])
    );
    // Before the figure: the noun before the currency, past linking words.
    assert_eq!(
        nouns("财产总额不低于新台币一千万元。"),
        owned(&[(1e7, "财产总额")])
    );
    // A verb of paying or converting names nothing.
    assert_eq!(
        nouns("日本大米价格约合人民币210元。"),
        owned(&[(210.0, "价格")])
    );
    assert_eq!(
        nouns("逆差为641亿日元，约合32.7亿元人民币。"),
        owned(&[(641e8, "逆差"), (32.7e8, "")])
    );
    // An amount in Chinese numerals with nothing naming it stays: money is a fact.
    assert_eq!(nouns("其中驻外者，美金一千元。"), owned(&[(1000.0, "")]));
    // 人民币贷款 is a noun of its own.
    assert_eq!(
        nouns("人民币贷款增加2.47万亿元。"),
        owned(&[(2.47e12, "人民币贷款")])
    );
}

#[test]
fn the_amount_of_a_fine_counts_the_fine() {
    assert_eq!(
        nouns("处新台币三万元以上三十万元以下罚锾。"),
        owned(&[(30000.0, "罚锾"), (300000.0, "罚锾")])
    );
    assert_eq!(
        nouns("处七年以下有期徒刑，得并科十五万元以下罚金。"),
        owned(&[(150000.0, "罚金")])
    );
    assert_eq!(
        nouns("得处以五千元以下之罚锾。"),
        owned(&[(5000.0, "罚锾")])
    );
    // A multiple of what was gained keeps what it multiplies.
    assert_eq!(nouns("处所得利益十倍以下罚金。"), owned(&[(10.0, "利益")]));
}

#[test]
fn yi_inside_a_chinese_number_does_not_cut_it() {
    // 十一万元 was read as 一万元, 一百一十三人 as 十三人.
    assert_eq!(run("发给新台币十一万元。")[0].0, 110000.0);
    assert_eq!(run("得并科二十一万元以下罚金。")[0].0, 210000.0);
    assert_eq!(
        run("立法委员自第七届起一百一十三人，任期四年。")[0].0,
        113.0
    );
    assert_eq!(run("置委员十一人至十五人。")[0].1, Some(15.0));
    // A year written digit by digit, or one of the Republic's era with its month, is a date.
    assert!(run("关于修改一九九三年一月十四日签订的协定").is_empty());
    assert!(run("本办法一百零一年十二月二十八日修正施行。").is_empty());
    // A count of years that is no date stays.
    assert_eq!(run("实现三年三级跳。")[0].0, 3.0);
}

#[test]
fn a_window_of_time_or_distance_is_no_quantity_but_a_bound_is() {
    assert!(run("将来华人员行前48小时内核酸检测阴性。").is_empty());
    assert!(run("潜水员要在5分钟内进入减压舱。").is_empty());
    assert!(run("沿线1公里内化工企业清零。").is_empty());
    // Held to or brought down to: a quantity.
    assert_eq!(run("全线运行时间控制在6小时内。")[0].0, 6.0);
    assert_eq!(run("行程将由目前的2小时缩短至1小时以内。").len(), 2);
}

#[test]
fn nei_opening_the_counted_word_is_no_window() {
    // Regression: 15条内容 and 5位内阁副总理 got no noun, as if 内 were "within".
    assert_eq!(
        nouns("优化外商投资结构等15条内容。"),
        owned(&[(15.0, "内容")])
    );
    assert_eq!(
        nouns("乌克兰最高拉达任命9名内阁部长。"),
        owned(&[(9.0, "内阁部长")])
    );
}

#[test]
fn jiang_of_a_fall_is_no_part_of_the_noun() {
    assert_eq!(
        nouns("春耕备耕贷款平均利率降至3.89%。"),
        owned(&[(3.89, "利率")])
    );
    assert_eq!(nouns("我国关税总水平降至7.3%。"), owned(&[(7.3, "总水平")]));
}

#[test]
fn the_de_rule_does_not_cross_another_figure() {
    // Regression: the head after the clause's last 的 went to every figure before it.
    assert_eq!(
        nouns("一架载有64人的客机与载有3名士兵的直升机相撞。"),
        owned(&[(64.0, "客机"), (3.0, "士兵")])
    );
    assert_eq!(
        nouns("代表团将参加7个大项15个分项91个小项的比赛。"),
        // 大项 and 分项 are cut 大/项 and 分/项: no noun, where 比赛 was wrong.
        owned(&[(7.0, ""), (15.0, ""), (91.0, "小项")])
    );
}

#[test]
fn an_adjective_may_lead_the_counted_noun() {
    // Regression: the run stopped at the adjective and the noun was empty.
    assert_eq!(
        nouns("双方在经济等领域达成19项重要成果。"),
        owned(&[(19.0, "重要成果")])
    );
    assert_eq!(
        nouns("今年将重点推进66项重大水利工程。"),
        owned(&[(66.0, "重大水利工程")])
    );
    // Not after a span of time: the adjective tells what the time was like.
    assert_eq!(nouns("经过4个多小时的紧张救援，被困人员获救。")[0].1, "");
}

#[test]
fn a_place_before_a_count_of_people_is_not_what_is_counted() {
    // Regression: 伊朗 was the noun of 近2400人.
    assert_eq!(
        nouns("美以军事打击致伊朗近2400人死亡。"),
        owned(&[(2400.0, "")])
    );
    assert_eq!(
        nouns("缅甸中部强震已造成缅甸3354人遇难。"),
        owned(&[(3354.0, "")])
    );
    // People named by a word of their own keep it.
    assert_eq!(
        nouns("先后接待香港市民80多万人次。"),
        owned(&[(800000.0, "香港市民")])
    );
}

#[test]
fn a_span_that_says_how_something_runs_or_reaches_is_no_quantity() {
    assert!(run("中心春节期间安排工作人员24小时值守。").is_empty());
    assert!(run("我国144小时过境免签政策的适用范围扩大。").is_empty());
    assert!(run("打造“15分钟便民生活圈”。").is_empty());
    assert!(run("北京和雄安新区间的“1小时交通圈”。").is_empty());
    // A time measured stays.
    assert_eq!(run("太空交会对接的时间从44小时缩短到7个小时。").len(), 2);
    assert_eq!(run("该州部分地区24小时降雨量超过600毫米。")[0].0, 24.0);
}
