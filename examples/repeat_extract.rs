//! Extract one file N times in-process (for profiling): `repeat_extract FILE N`.
fn main() {
    let mut args = std::env::args().skip(1);
    let path = args.next().expect("FILE");
    let n: usize = args.next().map_or(200, |n| n.parse().expect("N"));
    let bytes = std::fs::read(&path).unwrap();
    for _ in 0..n {
        sheet_extract::extract(bytes.clone(), &path).unwrap();
    }
}
