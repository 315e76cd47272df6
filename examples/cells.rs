use sheet_extract::{grid, pdf::*};
fn main() {
    let path = std::env::args().nth(1).unwrap();
    let doc = Document::open(std::fs::read(&path).unwrap()).unwrap();
    for i in 0..doc.page_count() {
        let g = grid::build(i, &doc.page(i, PageLimits::default(), &doc.cache()));
        println!("PAGE {i} cells {}", g.cells.len());
        for c in &g.cells {
            if !c.is_empty() {
                println!(
                    "C {:.1},{:.1}-{:.1},{:.1} {:?}",
                    c.rect.x0,
                    c.rect.y0,
                    c.rect.x1,
                    c.rect.y1,
                    c.lines
                        .iter()
                        .map(|l| format!("{}@{:.1}", l.text, l.y))
                        .collect::<Vec<_>>()
                );
            }
        }
        for l in &g.free_lines {
            println!("F {:?} y={:.1} x0={:.1}", l.text, l.y, l.x0);
        }
    }
}
