//! The form stage on real sheets: 池田市 and 神戸市 page 1 against the hand-written expected
//! readings of `fixtures/form/real/` (written from page images and the text layer, never from
//! the tool; see its README), 京都市's sections, and a measure sheet's indicator values.

use serde_json::{Value, json};
use sheet_extract::Limits;
use sheet_extract::form::{self, FormCell, FormDocument};

fn read(path: &str, page: usize) -> FormDocument {
    let bytes = std::fs::read(path).expect("fixture");
    form::read(bytes, path, &Limits::default(), Some((page, page))).expect("a readable PDF")
}

/// The members of a cell the expected files hold, in their order.
fn projection(cell: &FormCell) -> Value {
    json!({
        "text": cell.text,
        "label": cell.label,
        "shaded": cell.shaded,
        "section": cell.section,
        "row_headers": cell.row_headers,
        "column_headers": cell.column_headers,
        "number": cell.number,
        "options": cell.options,
    })
}

fn expected(name: &str) -> Value {
    let path = format!("fixtures/form/real/{name}");
    serde_json::from_str(&std::fs::read_to_string(path).expect("expected file")).expect("json")
}

fn got_cells(document: &FormDocument) -> Vec<Value> {
    document.pages[0].cells.iter().map(projection).collect()
}

fn got_lines(document: &FormDocument) -> Vec<Value> {
    document.pages[0]
        .lines
        .iter()
        .map(|l| Value::from(l.text.clone()))
        .collect()
}

fn assert_cells_eq(got: &[Value], want: &[Value]) {
    for (i, (g, w)) in got.iter().zip(want).enumerate() {
        assert_eq!(g, w, "cell {i}");
    }
    assert_eq!(got.len(), want.len(), "number of cells");
}

#[test]
fn ikeda_page_1_reads_as_written_by_hand() {
    let document = read(
        "fixtures/ja-eval/ikeda__r7-001-jimujigyo-mokuhyo-settei.pdf",
        1,
    );
    let want = expected("ikeda-r7-001-p1.expected.json");
    let want_cells = want["cells"].as_array().expect("cells");
    assert_cells_eq(&got_cells(&document), want_cells);
    assert_eq!(
        got_lines(&document),
        *want["lines"].as_array().expect("lines")
    );
}

#[test]
fn kobe_page_1_reads_as_written_by_hand() {
    let document = read(
        "fixtures/ja-eval/kobe__h25-001-jimujigyo-hyoka-sheet.pdf",
        1,
    );
    let want = expected("kobe-h25-001-p1.expected.json");
    let want_cells = want["cells"].as_array().expect("cells");
    assert_cells_eq(&got_cells(&document), want_cells);
    assert_eq!(
        got_lines(&document),
        *want["lines"].as_array().expect("lines")
    );
}

#[test]
fn kyoto_shaded_bars_are_sections_not_headers() {
    let document = read(
        "fixtures/ja-eval/kyoto__r6-001-shinki-jujitsu-torikumi.pdf",
        1,
    );
    let cells = &document.pages[0].cells;
    let find = |text: &str| {
        cells
            .iter()
            .find(|c| c.text == text)
            .unwrap_or_else(|| panic!("{text}"))
    };
    // The 【事業実施期間】 box drawn over the 事業名 value cell stays apart from the name; it is
    // a value printing its own label, so the name's label is not its row header.
    let name = find("京都市脱炭素先行地域創出事業");
    assert_eq!(name.row_headers, ["事業名（令和６年度）"]);
    let period = find("【事業実施期間】\n令和5年度～9年度");
    assert_eq!((period.row, period.label), (name.row, false));
    assert!(period.row_headers.is_empty());
    let bar = find("１　事業概要（令和６年度）");
    assert!(bar.label && bar.shaded);
    let under = cells
        .iter()
        .find(|c| c.row == bar.row + 1)
        .expect("the cell under the bar");
    assert_eq!(under.section.as_deref(), Some("１　事業概要（令和６年度）"));
    assert!(under.column_headers.is_empty());
    // The cost table under its own bar: year/basis headers over 一財 values.
    let cost = find("197,770(１)");
    assert_eq!(
        cost.section.as_deref(),
        Some("３　令和５年度及び令和６年度の経費（千円）")
    );
    assert_eq!(cost.row_headers, ["経費（一財）"]);
    assert_eq!(cost.column_headers, ["令和５年度決算"]);
}

/// The indicator values of a measure sheet's page read by `form`: each number of the block
/// `in_block` (grid rows and columns) under its year, named by its 実績値 / 期待値 row.
fn assert_indicator_block(
    path: &str,
    page: usize,
    in_block: fn(&FormCell) -> bool,
    actual: &[(&str, i64)],
    expected: &[(&str, i64)],
) {
    let document = read(path, page);
    for (basis, values) in [("実績値", actual), ("期待値※R7は目標値", expected)] {
        let got: Vec<(String, i64)> = document.pages[0]
            .cells
            .iter()
            .filter(|c| in_block(c))
            .filter(|c| c.number.is_some() && c.row_headers == [basis])
            .map(|c| {
                let n = match c.number {
                    Some(sheet_extract::values::Number::Integer(n)) => n,
                    other => panic!("{other:?}"),
                };
                (c.column_headers.join(" > "), n)
            })
            .collect();
        let want: Vec<(String, i64)> = values.iter().map(|&(y, n)| (y.to_string(), n)).collect();
        assert_eq!(got, want, "{path}: {basis}");
    }
}

#[test]
fn a_measure_sheet_gives_indicator_values_with_year_and_basis() {
    // Indicator ①, 産業支援センター相談件数 (values as in kitakami-r6-4-1.expected.json), the
    // first block: left of ② and above ④.
    assert_indicator_block(
        "fixtures/kitakami-r6-4-1.pdf",
        2,
        |c| c.col <= 9 && c.row <= 7,
        &[
            ("R1", 744),
            ("R2（現状値）", 490),
            ("R3", 333),
            ("R4", 503),
            ("R5", 434),
        ],
        &[
            ("R2（現状値）", 753),
            ("R3", 763),
            ("R4", 772),
            ("R5", 781),
            ("R6", 791),
            ("R7", 800),
        ],
    );
    // Indicator 1 of the sample sheet, 生涯学習講座の受講者数 (values as in
    // sample-r5-2-3.expected.json): its block left of indicator 2, above indicator 4.
    assert_indicator_block(
        "fixtures/sample-r5-2-3.pdf",
        2,
        |c| c.col <= 9 && c.row <= 7,
        &[
            ("R1", 12845),
            ("R2（現状値）", 5126),
            ("R3", 7380),
            ("R4", 9412),
        ],
        &[
            ("R3", 8000),
            ("R4", 9500),
            ("R5", 11000),
            ("R6", 12000),
            ("R7", 13000),
        ],
    );
}

/// Every bad input of `fixtures/bad/` gives a result (a typed error or a reading), never a
/// panic, and the ones that name a failure class fail as the main command does.
#[test]
fn bad_inputs_fail_cleanly() {
    let mut outcomes = Vec::new();
    let mut names: Vec<_> = std::fs::read_dir("fixtures/bad")
        .expect("fixtures/bad")
        .map(|e| e.expect("entry").path())
        .collect();
    names.sort();
    for path in names {
        let bytes = std::fs::read(&path).expect("read");
        let name = path
            .file_name()
            .expect("name")
            .to_string_lossy()
            .to_string();
        let outcome = std::panic::catch_unwind(|| {
            form::read(bytes, &name, &Limits::default(), None).map(|d| d.pages.len())
        })
        .unwrap_or_else(|_| panic!("{name} panicked"));
        outcomes.push((name, outcome));
    }
    let class = |name: &str| {
        outcomes
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, o)| match o {
                Ok(_) => "ok".to_string(),
                Err(e) => format!("{e:?}").split('(').next().unwrap_or("").to_string(),
            })
            .expect(name)
    };
    assert_eq!(class("not-pdf-html.pdf"), "NotPdf");
    assert_eq!(class("encrypted-user-password.pdf"), "Encrypted");
    assert_eq!(class("scanned.pdf"), "NoText");
    assert_eq!(class("undecodable-font.pdf"), "Undecodable");
    assert_eq!(class("decompression-bomb.pdf"), "Limit");
    assert_eq!(class("over-page-limit.pdf"), "Limit");
    assert_eq!(class("not-a-sheet.pdf"), "ok");
}

/// A cell's row headers and its options as (mark, text).
type HeadedOptions = (Vec<String>, Vec<(String, String)>);

/// 京都市 page 2 prints its choices as □/■ options in one cell (text from `pdftotext -raw`):
/// each cell's options are read with their marks, so that the ■ one can be picked, under the
/// assessment group (`公共性`, spanning two rows) and the shaded label of the option's own row
/// (`公益性`) on the cell's left.
#[test]
fn kyoto_options_with_marks_in_one_cell() {
    let document = read(
        "fixtures/ja-eval/kyoto__r6-001-shinki-jujitsu-torikumi.pdf",
        2,
    );
    let got: Vec<HeadedOptions> = document.pages[0]
        .cells
        .iter()
        .filter_map(|c| {
            let options = c.options.as_ref()?;
            let options = options
                .iter()
                .map(|o| (o.mark.clone(), o.text.clone()))
                .collect();
            Some((c.row_headers.clone(), options))
        })
        .collect();
    let option = |mark: &str, text: &str| (mark.to_string(), text.to_string());
    let want = vec![
        (
            vec!["公共性".to_string(), "公益性".to_string()],
            vec![
                option("□", "より多くの市民に提供されるサービス（共同消費性）"),
                option(
                    "■",
                    "特定の個人または集団に提供されるサービス（個人消費性）",
                ),
            ],
        ),
        (
            vec!["公共性".to_string(), "必需性".to_string()],
            vec![
                option("□", "日常生活に必要不可欠なサービス（必需）"),
                option("■", "日常生活に必要不可欠でないサービス（選択）"),
            ],
        ),
        (
            vec!["実施主体の妥当性".to_string(), "政策性".to_string()],
            vec![
                option("■", "政策的意思決定を必要とするサービス（政策的）"),
                option("□", "経常業務の度合いが高いサービス（経常的）"),
            ],
        ),
        (
            vec!["実施主体の妥当性".to_string(), "行政専門性".to_string()],
            vec![
                option("□", "行政上の専門知識を必要とするサービス（行政専門性）"),
                option("■", "行政上の専門知識を必要としないサービス（一般専門性）"),
            ],
        ),
    ];
    assert_eq!(got, want);
}
