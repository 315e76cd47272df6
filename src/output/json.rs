//! JSON and NDJSON writers: documents serialised by serde as they come. JSON is one pretty
//! object, or an array of them (`[`, each element indented by serde at depth one, `]`);
//! NDJSON is one line per document.

use std::io::{self, Write};

use serde::Serialize;
use serde_json::ser::Formatter;

use super::Writer;
use crate::document::Document;

/// Pretty JSON: one object, or an array of objects.
pub struct JsonWriter<W> {
    out: W,
    /// Whether the documents form an array; `None` until the first input's documents are
    /// known (exactly one document → one object).
    array: Option<bool>,
    wrote_any: bool,
}

impl<W: Write> JsonWriter<W> {
    /// `array`: as [`JsonWriter::array`]; the opening bracket is written at once when known.
    pub fn new(mut out: W, array: Option<bool>) -> io::Result<JsonWriter<W>> {
        if array == Some(true) {
            out.write_all(b"[\n")?;
        }
        Ok(JsonWriter {
            out,
            array,
            wrote_any: false,
        })
    }

    fn element(&mut self, document: &Document) -> io::Result<()> {
        if self.wrote_any {
            self.out.write_all(b",\n")?;
        }
        self.out.write_all(b"  ")?;
        let mut serializer = serde_json::Serializer::with_formatter(&mut self.out, Nested::new(1));
        document.serialize(&mut serializer).map_err(io::Error::from)
    }
}

impl<W: Write> Writer<W> for JsonWriter<W> {
    fn write(&mut self, documents: &[Document]) -> io::Result<()> {
        let array = match self.array {
            Some(array) => array,
            None => {
                let array = documents.len() != 1;
                self.array = Some(array);
                if array {
                    self.out.write_all(b"[\n")?;
                }
                array
            }
        };
        for document in documents {
            if array {
                self.element(document)?;
            } else {
                serde_json::to_writer_pretty(&mut self.out, document)?;
                self.out.write_all(b"\n")?;
            }
            self.wrote_any = true;
        }
        self.out.flush()
    }

    fn finish(mut self: Box<Self>) -> io::Result<W> {
        match self.array {
            None => self.out.write_all(b"[\n]\n")?,
            Some(true) if self.wrote_any => self.out.write_all(b"\n]\n")?,
            Some(true) => self.out.write_all(b"]\n")?,
            Some(false) => {}
        }
        Ok(self.out)
    }
}

/// NDJSON: one compact line per document.
pub struct NdjsonWriter<W> {
    out: W,
}

impl<W: Write> NdjsonWriter<W> {
    pub fn new(out: W) -> NdjsonWriter<W> {
        NdjsonWriter { out }
    }
}

impl<W: Write> Writer<W> for NdjsonWriter<W> {
    fn write(&mut self, documents: &[Document]) -> io::Result<()> {
        for document in documents {
            serde_json::to_writer(&mut self.out, document)?;
            self.out.write_all(b"\n")?;
        }
        self.out.flush()
    }

    fn finish(self: Box<Self>) -> io::Result<W> {
        Ok(self.out)
    }
}

/// serde_json's pretty formatter (two spaces) starting at a given depth, for the elements
/// of an array written one at a time.
pub struct Nested {
    depth: usize,
    has_value: bool,
}

impl Nested {
    pub fn new(depth: usize) -> Nested {
        Nested {
            depth,
            has_value: false,
        }
    }

    fn indent<W: ?Sized + Write>(&self, out: &mut W) -> io::Result<()> {
        for _ in 0..self.depth {
            out.write_all(b"  ")?;
        }
        Ok(())
    }

    fn open<W: ?Sized + Write>(&mut self, out: &mut W, bracket: &[u8]) -> io::Result<()> {
        self.depth += 1;
        self.has_value = false;
        out.write_all(bracket)
    }

    fn close<W: ?Sized + Write>(&mut self, out: &mut W, bracket: &[u8]) -> io::Result<()> {
        self.depth -= 1;
        if self.has_value {
            out.write_all(b"\n")?;
            self.indent(out)?;
        }
        out.write_all(bracket)
    }

    fn next<W: ?Sized + Write>(&mut self, out: &mut W, first: bool) -> io::Result<()> {
        out.write_all(if first { b"\n" } else { b",\n" })?;
        self.indent(out)
    }
}

impl Formatter for Nested {
    fn begin_array<W: ?Sized + Write>(&mut self, out: &mut W) -> io::Result<()> {
        self.open(out, b"[")
    }
    fn end_array<W: ?Sized + Write>(&mut self, out: &mut W) -> io::Result<()> {
        self.close(out, b"]")
    }
    fn begin_array_value<W: ?Sized + Write>(&mut self, out: &mut W, first: bool) -> io::Result<()> {
        self.next(out, first)
    }
    fn end_array_value<W: ?Sized + Write>(&mut self, _out: &mut W) -> io::Result<()> {
        self.has_value = true;
        Ok(())
    }
    fn begin_object<W: ?Sized + Write>(&mut self, out: &mut W) -> io::Result<()> {
        self.open(out, b"{")
    }
    fn end_object<W: ?Sized + Write>(&mut self, out: &mut W) -> io::Result<()> {
        self.close(out, b"}")
    }
    fn begin_object_key<W: ?Sized + Write>(&mut self, out: &mut W, first: bool) -> io::Result<()> {
        self.next(out, first)
    }
    fn begin_object_value<W: ?Sized + Write>(&mut self, out: &mut W) -> io::Result<()> {
        out.write_all(b": ")
    }
    fn end_object_value<W: ?Sized + Write>(&mut self, _out: &mut W) -> io::Result<()> {
        self.has_value = true;
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Serialize)]
    struct Sample {
        a: Vec<u32>,
        b: Vec<u32>,
        c: Option<Inner>,
        d: Inner,
    }

    #[derive(Serialize)]
    struct Inner {
        e: f64,
    }

    #[test]
    fn nested_gives_serde_pretty_bytes_one_level_deeper() {
        let sample = || Sample {
            a: vec![1, 2],
            b: vec![],
            c: None,
            d: Inner { e: 16.0 },
        };
        let whole = serde_json::to_string_pretty(&vec![sample(), sample()]).unwrap();
        let mut out = b"[\n  ".to_vec();
        let mut serializer = serde_json::Serializer::with_formatter(&mut out, Nested::new(1));
        sample().serialize(&mut serializer).unwrap();
        out.extend(b",\n  ");
        let mut serializer = serde_json::Serializer::with_formatter(&mut out, Nested::new(1));
        sample().serialize(&mut serializer).unwrap();
        out.extend(b"\n]");
        assert_eq!(String::from_utf8(out).unwrap(), whole);
    }
}
