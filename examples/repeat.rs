//! Extract one file N times in-process (for profiling): `repeat FILE N`.
fn main() {
    let mut args = std::env::args().skip(1);
    let path = args.next().expect("FILE");
    let n: usize = args.next().map_or(100, |s| s.parse().expect("N"));
    let bytes = std::fs::read(&path).expect("readable file");
    for _ in 0..n {
        let _ = sheet_extract::extract(bytes.clone(), &path);
    }
}
