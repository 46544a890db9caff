//! Unit tests of the metadata reader: titles, dates, genres, sources, levels and campaigns.

use super::*;

#[test]
fn an_address_opens_a_speech_but_a_quoted_one_deep_in_a_news_item_does_not() {
    let un = "新华社北京9月21日电 讲话全文如下：\n主席先生，各位同事：\n75年前，世界人民赢得胜利。";
    assert_eq!(meta(un, &[], true, "").genre, "speech");
    let news = format!(
        "今日要闻\n{}他说：“同志们，我们要继续努力。”",
        "今天各地开展活动。\n".repeat(200)
    );
    assert_eq!(meta(&news, &[], true, "").genre, "report");
}

/// The bug: 24 of 31 provincial 2026 work reports were filed under the 2025 campaign their
/// review names once, and a tie went to the oldest campaign.
#[test]
fn a_campaign_named_once_in_passing_is_not_the_documents() {
    let review = format!(
        "2026年政府工作报告\n扎实开展深入贯彻中央八项规定精神学习教育。{}",
        "推动经济高质量发展。".repeat(300)
    );
    assert_eq!(meta(&review, &[], true, "").campaign, None);
    let news = "党纪学习教育读书班开班\n党纪学习教育读书班今天开班。";
    assert_eq!(
        meta(news, &[], true, "").campaign.as_deref(),
        Some("党纪学习教育")
    );
    let both = format!(
        "五年来，开展党史学习教育，开展党纪学习教育。{}",
        "推动发展。".repeat(10)
    );
    assert_eq!(
        meta(&both, &[], true, "").campaign.as_deref(),
        Some("党纪学习教育")
    );
}

#[test]
fn a_shared_campaign_alias_counts_for_the_campaign_of_the_documents_year() {
    let text = "正文\n深入开展主题教育，确保主题教育取得实效。";
    let campaign_in = |file: &str| meta(text, &[], true, file).campaign;
    assert_eq!(
        campaign_in("20230705.md").as_deref(),
        Some("学习贯彻习近平新时代中国特色社会主义思想主题教育")
    );
    assert_eq!(
        campaign_in("2019-09-01_1.txt").as_deref(),
        Some("不忘初心牢记使命主题教育")
    );
    // No campaign with that alias ran in 2025; without a year, the first entry.
    assert_eq!(campaign_in("20250404.md"), None);
    assert_eq!(
        campaign_in("speech.txt").as_deref(),
        Some("不忘初心牢记使命主题教育")
    );
    // A full name counts whatever the year.
    let named = meta("正文\n党史学习教育总结。", &[], true, "20250404.md");
    assert_eq!(named.campaign.as_deref(), Some("党史学习教育"));
}

/// The bug: an alias outside its campaign's years named another activity: a 2024 news
/// item's “建功强军事业”教育实践活动 was 党的群众路线教育实践活动.
#[test]
fn an_alias_out_of_its_years_counts_only_beside_the_full_name() {
    let text = "正文\n部队开展“学习强军思想、建功强军事业”教育实践活动。";
    let campaign_in = |t: &str, file: &str| meta(t, &[], true, file).campaign;
    assert_eq!(campaign_in(text, "20240911.md"), None);
    assert_eq!(
        campaign_in(text, "2013-08-20_1.txt").as_deref(),
        Some("党的群众路线教育实践活动")
    );
    let recalled = "正文\n回顾党的群众路线教育实践活动，教育实践活动成效显著。";
    assert_eq!(
        campaign_in(recalled, "20240911.md").as_deref(),
        Some("党的群众路线教育实践活动")
    );
}

/// The bug: only a date line of 16 chars or fewer was read, so a report's delivery date
/// in its subtitle was missed, and a space inside the date broke it.
#[test]
fn the_delivery_date_of_a_subtitle_dates_the_document() {
    let m = meta(
        "政府工作报告\n——2026年1月27日在吉林省第十四届人民代表大会第五次会议上\n省长 胡玉亭\n各位代表：",
        &[],
        true,
        "",
    );
    assert_eq!(m.dates, vec!["2026-01-27"]);
    let m = meta(
        "在座谈会上的讲话\n（2026年 4月23日）\n同志们：",
        &[],
        true,
        "",
    );
    assert_eq!(m.dates, vec!["2026-04-23"]);
    // A title that names where it was given but holds no date gives none.
    let m = meta(
        "讲话\n习近平在企业家座谈会上的讲话\n同志们：",
        &[],
        true,
        "",
    );
    assert!(m.dates.is_empty());
}

/// The bug: one-line speech files, title, date and body run together, had no title and
/// only the file name's date.
#[test]
fn a_title_run_into_the_body_of_a_one_line_file() {
    let line = "新华社北京11月19日电构建新发展格局　实现互利共赢——在亚太经合组织工商领导人对话会上的主旨演讲（2020年11月19日，北京）中华人民共和国主席 习近平各位工商界朋友，女士们，先生们，朋友们：在全球共抗新冠肺炎疫情的重要时刻，很高兴同大家见面。";
    let m = meta(line, &[], true, "2020-11-20_1.txt");
    assert_eq!(
        m.title.as_deref(),
        Some("构建新发展格局　实现互利共赢——在亚太经合组织工商领导人对话会上的主旨演讲")
    );
    assert_eq!(m.dates, vec!["2020-11-19"]);
    // A long first line that is prose keeps no title.
    let prose = "同志们：今天召开会议，主要任务是总结工作（2020年11月19日以来的情况），部署下一步工作，大家要认真抓好落实，确保各项任务完成。";
    assert_eq!(meta(prose, &[], true, "").title, None);
}

/// The bug: a one-line speech holding a site-label word anywhere (博览会平台功能) was
/// taken for a site label, and lost its title and delivery date (11 files).
#[test]
fn a_one_line_file_naming_a_platform_keeps_its_title() {
    let line = "新华社南宁11月27日电在第十七届中国—东盟博览会开幕式上的致辞（2020年11月27日，北京）中华人民共和国主席 习近平尊敬的各位嘉宾：我们要发挥博览会平台功能，共同推动合作。";
    let m = meta(line, &[], true, "2020-11-28_1.txt");
    assert_eq!(
        m.title.as_deref(),
        Some("在第十七届中国—东盟博览会开幕式上的致辞")
    );
    assert_eq!(m.dates, vec!["2020-11-27"]);
    // A short site label still leads to the title after it.
    let m = meta(
        "欢迎访问政务服务平台\n关于做好防汛工作的通知\n正文。",
        &[],
        true,
        "",
    );
    assert_eq!(m.title.as_deref(), Some("关于做好防汛工作的通知"));
}

/// The bug: reprints credited to a paper and texts opened by an agency's dateline had no
/// source (48 in ../shared/corpus), and a table's 资料来源 footnote was taken for one.
#[test]
fn a_credit_line_or_a_dateline_names_the_source() {
    let text = "讲话标题\n（新华社北京9月11日电）正文。\n《 人民日报 》（ 2020年09月12日 02 版）";
    assert_eq!(
        meta(text, &[], true, "").source.as_deref(),
        Some("人民日报")
    );
    let text = "标题\n新华社北京11月10日电 正文。";
    assert_eq!(meta(text, &[], true, "").source.as_deref(), Some("新华社"));
    let footnote = MetaField {
        field: "source".into(),
        label: "资料来源".into(),
        value: "雇佣及职位空缺按季统计调查，政".into(),
    };
    assert_eq!(meta("标题\n正文。", &[footnote], true, "").source, None);
}

#[test]
fn a_date_line_in_chinese_numerals_dates_the_document() {
    let m = meta(
        "关于加强基层党建工作的通知\n（二〇二三年十月二十日）\n正文",
        &[],
        true,
        "",
    );
    assert_eq!(m.dates, ["2023-10-20"]);
    assert_eq!(
        iso_dates("2020年1月8日至二〇二〇年二月三日"),
        ["2020-01-08", "2020-02-03"]
    );
}

#[test]
fn dates_in_file_names() {
    assert_eq!(
        file_name_date("speeches/2020-01-08_1.txt").as_deref(),
        Some("2020-01-08")
    );
    assert_eq!(
        file_name_date("xwlb/20221115.md").as_deref(),
        Some("2022-11-15")
    );
    assert_eq!(file_name_date("000_c1dd23876f65785c.txt"), None);
    assert_eq!(file_name_date("report-2026.txt"), None);
    assert_eq!(file_name_date("id_120221115.txt"), None);
}

#[test]
fn titles_from_first_lines() {
    assert_eq!(
        title_of("45严督实导 务求实效——中央指导组工作综述.txt").as_deref(),
        Some("严督实导 务求实效——中央指导组工作综述")
    );
    assert_eq!(
        title_of("在活动督导组工作会议讲话").as_deref(),
        Some("在活动督导组工作会议讲话")
    );
    assert_eq!(title_of("同志们："), None);
    assert_eq!(
        title_of("2026年四川省人民政府工作报告").as_deref(),
        Some("2026年四川省人民政府工作报告")
    );
    assert_eq!(
        title_of("按照中央的统一部署，昨天下午区委召开了动员大会。"),
        None
    );
}

#[test]
fn a_title_broken_over_two_lines_is_joined() {
    let m = meta(
        "在入党积极分子培训班、\n发展对象培训班开班仪式上的致辞\n同志们：",
        &[],
        true,
        "",
    );
    assert_eq!(
        m.title.as_deref(),
        Some("在入党积极分子培训班、发展对象培训班开班仪式上的致辞")
    );
}

#[test]
fn issuing_level_from_speaker_cues() {
    assert_eq!(
        meta(
            "我县先进性教育活动按照省委要求开展，全县党员参加。",
            &[],
            true,
            ""
        )
        .level
        .as_deref(),
        Some("县")
    );
    assert_eq!(
        meta("中央指导组深入联系单位，党中央高度重视。", &[], true, "")
            .level
            .as_deref(),
        Some("中央")
    );
}

/// The bug: the head of state at the UN (中方愿…) had no level, and Hong Kong's
/// Legislative Council came out 中央 (中央人民政府 named in its debates).
#[test]
fn china_speaking_abroad_is_central_and_hong_kongs_council_provincial() {
    let level = |t: &str| meta(t, &[], true, "").level;
    assert_eq!(
        level("主席先生：中方愿同各方一道，中方支持世界卫生组织。").as_deref(),
        Some("中央")
    );
    assert_eq!(
        level("立法会会议过程正式纪录\n主席：立法会现在开会。中央人民政府。").as_deref(),
        Some("省")
    );
}

/// The bug: a provincial report comparing itself with 全国 came out 中央, and a news
/// programme quoting a county official 县.
#[test]
fn a_speaker_cue_outweighs_bodies_named_in_passing() {
    let level = |t: &str| meta(t, &[], true, "").level;
    assert_eq!(
        level("我代表省政府报告工作。增幅高于全国，居全国前列，全国第一，全国领先。").as_deref(),
        Some("省")
    );
    assert_eq!(
        level("《新闻联播》 （20230603）\n县长说，我县将全县麦田全部收割。").as_deref(),
        Some("中央")
    );
}

/// The bug: the reports of the municipalities under the central government came out 市
/// (上海, 天津, 重庆: 我市, 全市) or 中央 (北京: 全国 outweighed 全市), not the province
/// level they rank at.
#[test]
fn a_municipality_reports_at_province_level() {
    let level = |t: &str| meta(t, &[], true, "").level;
    let report = "2026年上海市政府工作报告\n我市全市经济稳定，全市就业增长。\n";
    assert_eq!(level(report).as_deref(), Some("省"));
    let beijing = "2026年北京市政府工作报告\n现在，我代表北京市人民政府向大会报告工作。全国领先，全国第一，全国前列。\n";
    assert_eq!(level(beijing).as_deref(), Some("省"));
    // A city that names Beijing in passing stays a city.
    let city = "石家庄市政府工作报告\n我市对接北京市，全市协同发展。\n";
    assert_eq!(level(city).as_deref(), Some("市"));
}

/// The bug: a title that runs its delivery line on (政府工作报告——2024年3月5日在…上 国务院
/// 总理 李强) was taken whole, and its date was lost.
#[test]
fn a_delivery_line_run_into_the_title_dates_it() {
    let m = meta("政府工作报告——2024年3月5日在第十四届全国人民代表大会第二次会议上国务院总理 李强\n各位代表：\n现在，我代表国务院报告工作。", &[], true, "");
    assert_eq!(m.title.as_deref(), Some("政府工作报告"));
    assert_eq!(m.dates, ["2024-03-05"]);
    let m = meta(
        "构建新发展格局 实现互利共赢——在亚太经合组织工商领导人对话会上的主旨演讲\n各位代表：",
        &[],
        true,
        "",
    );
    assert_eq!(
        m.title.as_deref(),
        Some("构建新发展格局 实现互利共赢——在亚太经合组织工商领导人对话会上的主旨演讲")
    );
}

/// The bug: letters signed 习近平2020年7月7日 were dated by their file name (the day the
/// news of them was published) or not at all.
#[test]
fn a_signature_dates_a_letter() {
    let signed = |t: &str| {
        let mentions =
            crate::extract::dates::date_mentions(t, crate::extract::dates::Anchor::default());
        signature_date(t, &mentions)
    };
    assert_eq!(
        signed("为人民多作贡献。习近平2020年7月7日（新华社北京7月8日电）新华社北京7月8日电")
            .as_deref(),
        Some("2020-07-07")
    );
    assert_eq!(
        signed("此致\n敬礼！\n习近平\n2020年7月7日\n").as_deref(),
        Some("2020-07-07")
    );
    // A date in a sentence, or after a long line, signs nothing.
    assert_eq!(
        signed("习近平2022年10月16日在中国共产党第二十次全国代表大会上的报告"),
        None
    );
    assert_eq!(signed("会议决定，自即日起全面实施2020年7月7日\n"), None);
}

#[test]
fn site_labels_are_not_titles() {
    let m = meta(
        "欢迎访问剑阁网络管理平台\n接访信息详情\n关于开展核查的通知\n正文。",
        &[],
        true,
        "",
    );
    assert_eq!(m.title.as_deref(), Some("关于开展核查的通知"));
}

/// The bug: 同学们 inside a quoted letter (同学们生逢其时) made a news item a speech; an
/// address is followed by ：，！.
#[test]
fn an_address_cue_needs_the_mark_after_it() {
    let letter = "回信\n毕业生们：你们好！同学们生逢其时、肩负重任。";
    assert_eq!(meta(letter, &[], true, "").genre, "report");
    assert_eq!(
        meta("毕业典礼\n同学们：大家好。", &[], true, "").genre,
        "speech"
    );
    let summit = "尊敬的拉马福萨总统，尊敬的各位国家元首，感谢各位同事出席会议。";
    assert_eq!(meta(summit, &[], true, "").genre, "speech");
}

/// The bug: study notes opening on their first chapter were titled by it.
#[test]
fn a_chapter_heading_is_no_title() {
    assert_eq!(title_of("第一章 马克思主义中国化两大理论成果"), None);
    assert_eq!(title_of("第十二编 总则"), None);
    assert_eq!(
        title_of("第一书记工作座谈会讲话").as_deref(),
        Some("第一书记工作座谈会讲话")
    );
}

#[test]
fn genre_cues() {
    assert_eq!(
        meta("履职尽责 加强督导\n——访联络组组长孔原\n正文", &[], true, "").genre,
        "interview"
    );
    assert_eq!(
        meta("在培训班上的讲话\n同志们：", &[], true, "").genre,
        "speech"
    );
    assert_eq!(meta("某某工作综述\n正文", &[], true, "").genre, "summary");
    // The bug: a 《新闻联播》 transcript (a digest of the day's news) came out as a report,
    // or as a speech where an item quoted 同志们.
    let news = "《新闻联播》 (20220924)\n新闻摘要\n本期节目主要内容：\n同志们说";
    assert_eq!(meta(news, &[], true, "").genre, "summary");
    // A work report is still a report, and a text without any cue too.
    assert_eq!(
        meta("政府工作报告\n各位代表：", &[], true, "").genre,
        "report"
    );
    assert_eq!(meta("正文\n没有线索", &[], true, "").genre, "report");
    assert_eq!(
        meta(
            "深入开展先进性教育活动，搞好先进性教育活动。",
            &[],
            true,
            ""
        )
        .campaign
        .as_deref(),
        Some("保持共产党员先进性教育活动")
    );
    assert_eq!(
        meta("尊敬的各位来宾，女士们、先生们，朋友们：", &[], true, "").genre,
        "speech"
    );
}

#[test]
fn dates_from_metadata_fields() {
    let f = vec![MetaField {
        field: "date".into(),
        label: "发布时间".into(),
        value: "2013年08月20日 17:56".into(),
    }];
    assert_eq!(meta("正文", &f, true, "").dates, vec!["2013-08-20"]);
    assert_eq!(iso_dates("时间：2022-07-14 09:58:00"), vec!["2022-07-14"]);
}

/// The bug: a congress report's title of two lines over its occasion was cut to its first line
/// (高举中国特色社会主义伟大旗帜), and a title line running on into its date and speaker kept
/// them (…时的讲话（2020年2月3日）习近平) and took the file name's date.
#[test]
fn a_two_line_title_reads_whole_and_a_dated_title_line_gives_its_date() {
    let report = "高举中国特色社会主义伟大旗帜\n为全面建设社会主义现代化国家而团结奋斗\n——在中国共产党第二十次全国代表大会上的报告\n同志们：";
    assert_eq!(
        meta(report, &[], true, "").title.as_deref(),
        Some("高举中国特色社会主义伟大旗帜 为全面建设社会主义现代化国家而团结奋斗——在中国共产党第二十次全国代表大会上的报告")
    );
    // A repeated title over a dated delivery line stays one title.
    let work = "2026年上海市政府工作报告\n2026年上海市政府工作报告\n——2026年1月25日在上海市第十六届人民代表大会第四次会议上\n各位代表：";
    assert_eq!(
        meta(work, &[], true, "").title.as_deref(),
        Some("2026年上海市政府工作报告")
    );
    let dated = "在中央政治局常委会会议研究应对新型冠状病毒肺炎疫情工作时的讲话（2020年2月3日）习近平\n武汉疫情发生后。";
    let m = meta(dated, &[], true, "2020-02-16_1.txt");
    assert_eq!(
        m.title.as_deref(),
        Some("在中央政治局常委会会议研究应对新型冠状病毒肺炎疫情工作时的讲话")
    );
    assert_eq!(m.dates, ["2020-02-03"]);
}

/// From the metadata review: a provincial report of 2026 recalling the 2025 campaign
/// (扎实开展…学习教育; 巩固拓展…学习教育成果) was tagged with it (13 of 31 reports); a quoted
/// full name did not count as one; 主题教育课 and “…”主题教育 are themes, not the campaign.
#[test]
fn a_campaign_recalled_after_it_ended_or_named_as_a_theme_does_not_count() {
    let d = Dictionaries::get();
    let name = |i: usize| d.campaigns[i].name.as_str();
    let eight = d
        .campaigns
        .iter()
        .position(|c| c.name.contains("八项规定"))
        .expect("campaign");
    let recalled = format!(
        "扎实开展{}。{}巩固拓展{}成果。",
        name(eight),
        "经济稳定增长。".repeat(900),
        name(eight)
    );
    assert_eq!(campaign::campaign(&recalled, Some(2026)), None);
    assert_eq!(
        campaign::campaign(&recalled, Some(2025)).as_deref(),
        Some(name(eight))
    );
    let quoted = "深入开展“不忘初心，牢记使命”主题教育。“不忘初心、牢记使命”主题教育取得实效。";
    assert_eq!(
        campaign::campaign(quoted, None).as_deref(),
        Some("不忘初心牢记使命主题教育")
    );
    assert_eq!(
        campaign::campaign("开展红色主题教育课。参观主题教育馆。", Some(2023)),
        None
    );
}

/// From the metadata review: 全国 alone gave 91 Taiwan laws the level 中央, and 安全区 or
/// 委托 gave others 区.
#[test]
fn a_lone_weak_cue_or_a_cue_inside_a_word_tells_no_level() {
    assert_eq!(level::level("本法施行于全国各地。", None), None);
    assert_eq!(level::level("划定安全区，委托区委托管。", None), None);
    assert_eq!(
        level::level("党中央高度重视，全国人民齐心。", None).as_deref(),
        Some("中央")
    );
}

/// From the metadata review: a Qiushi article runs its title into its byline (…新境界※习近平
/// 今天，…) and says when it was given in a footnote (※这是习近平总书记2015年11月23日在…的讲话);
/// it had no title and the file name's 2020 date, so `stats --by year` counted a 2015 speech
/// in 2020.
#[test]
fn a_qiushi_article_has_its_title_and_the_day_its_footnote_gives() {
    let text = format!(
        "不断开拓当代中国马克思主义政治经济学新境界※习近平今天，中央政治局进行第二十八次集体学习。{}\n※这是习近平总书记2015年11月23日在十八届中央政治局第二十八次集体学习时的讲话。",
        "我们要学好用好政治经济学。".repeat(10)
    );
    let m = meta(&text, &[], true, "speeches/2020-08-15_1.txt");
    assert_eq!(
        m.title.as_deref(),
        Some("不断开拓当代中国马克思主义政治经济学新境界")
    );
    assert_eq!(m.dates, ["2015-11-23"]);
    assert_eq!(m.genre, "speech");
    let spaced = text.replace("※这是", "※ 这是");
    assert_eq!(meta(&spaced, &[], true, "x.txt").dates, ["2015-11-23"]);
}

/// From the metadata review: 14 Taiwan laws named in two or three chars (民法, 请愿法) had no
/// title, since a title had to be four chars or more.
#[test]
fn a_law_named_in_two_or_three_chars_has_its_title() {
    let law = "请愿法\n第 1 条 人民请愿，依本法之规定。\n第 2 条 人民得向主管机关请愿。";
    assert_eq!(meta(law, &[], true, "").title.as_deref(), Some("请愿法"));
    assert_eq!(
        meta("民法\n第 一 编 总则\n", &[], true, "")
            .title
            .as_deref(),
        Some("民法")
    );
    assert_eq!(meta("方法\n我们要讲究方法。", &[], true, "").title, None);
}
