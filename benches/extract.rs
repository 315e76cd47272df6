//! In-process extraction time per fixture (bytes in memory → Sheet), and of the JSON
//! rendering. Run: `cargo bench --bench extract`.

use criterion::{Criterion, criterion_group, criterion_main};
use sheet_extract::Document;
use sheet_extract::output::{Format, Options, Table};

const FIXTURES: [&str; 4] = [
    "fixtures/kitakami-r6-4-1.pdf",
    "fixtures/sample-r5-2-3.pdf",
    "fixtures/generated/gen-005.pdf",
    "fixtures/generated/gen-018.pdf",
];

fn extraction(c: &mut Criterion) {
    for path in FIXTURES {
        let bytes = std::fs::read(path).unwrap();
        c.bench_function(&format!("extract {path}"), |b| {
            b.iter(|| sheet_extract::extract(bytes.clone(), path).unwrap())
        });
    }
    let sheet = sheet_extract::extract(std::fs::read(FIXTURES[0]).unwrap(), FIXTURES[0]).unwrap();
    let documents = [Document::Measure(sheet)];
    let options = Options {
        format: Format::Json,
        table: Table::Indicators,
        workbook: &Table::WORKBOOK,
        extra: &[],
        bom: false,
    };
    c.bench_function("render json", |b| {
        b.iter(|| {
            let mut writer = options
                .writer(std::io::Cursor::new(Vec::new()), Some(false))
                .unwrap();
            writer.write(&documents).unwrap();
            writer.finish().unwrap()
        })
    });
}

criterion_group!(benches, extraction);
criterion_main!(benches);
