fn main() {
    let path = std::env::args().nth(1).unwrap();
    let sheet = sheet_extract::extract(std::fs::read(&path).unwrap(), &path).unwrap();
    println!("{}", serde_json::to_string_pretty(&sheet).unwrap());
}
