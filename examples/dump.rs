use sheet_extract::pdf::*;
fn main() {
    let path = std::env::args().nth(1).unwrap();
    let doc = Document::open(std::fs::read(&path).unwrap()).unwrap();
    for i in 0..doc.page_count() {
        let p = doc.page(i, PageLimits::default(), &doc.cache());
        println!(
            "PAGE {i} {}x{} glyphs {} segs {}",
            p.width,
            p.height,
            p.glyphs.len(),
            p.segments.len()
        );
        for g in p.glyphs.iter().take(100000) {
            println!(
                "G {:?} x={:.1} y={:.1} w={:.1} s={:.1}",
                g.text, g.x, g.y, g.width, g.size
            );
        }
        for s in p.segments.iter().take(100000) {
            println!("S {:?}", s);
        }
    }
}
