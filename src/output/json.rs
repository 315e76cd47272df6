//! JSON and NDJSON writers: documents serialised by serde as they come. JSON is one pretty
//! object, or an array of them (`[`, each element indented by serde at depth one, `]`);
//! NDJSON is one line per document.

use std::io::{self, Write};

use serde::Serialize;
use serde_json::ser::Formatter;

use super::{FormPiece, Writer};
use crate::document::Document;

/// Where a form's pages go in its serialised text: after the key's opening bracket of an
/// empty page list (pretty and compact). No other text of a form can hold it: a string's
/// quotes are escaped, and `source.pages` is a number.
const PAGES_PRETTY: &[u8] = b"\"pages\": [";
const PAGES_COMPACT: &[u8] = b"\"pages\":[";

/// `text` (a form serialised without pages) split where its pages go: the head ends with
/// the list's opening bracket, the tail starts with its closing one.
fn split_at_pages<'t>(text: &'t [u8], marker: &[u8]) -> io::Result<(&'t [u8], &'t [u8])> {
    let at = text
        .windows(marker.len())
        .position(|window| window == marker)
        .filter(|_| text.first() == Some(&b'{'))
        .ok_or_else(|| io::Error::other("a form piece that is not a form"))?;
    Ok(text.split_at(at + marker.len()))
}

/// A form being written in pieces: its depth in the output and the pages written.
#[derive(Debug, Clone, Copy)]
struct OpenForm {
    depth: usize,
    pages: usize,
}

impl OpenForm {
    /// Write `piece` of `form` to `out`, pretty or compact.
    fn write<W: Write>(
        &mut self,
        out: &mut W,
        piece: FormPiece,
        form: &Document,
        pretty: bool,
    ) -> io::Result<()> {
        let marker = if pretty { PAGES_PRETTY } else { PAGES_COMPACT };
        match (piece, form) {
            (FormPiece::Open, _) => {
                let text = to_bytes(form, pretty, self.depth)?;
                out.write_all(split_at_pages(&text, marker)?.0)
            }
            (FormPiece::Page, Document::Form(part)) => {
                for page in &part.pages {
                    if pretty {
                        out.write_all(if self.pages == 0 { b"\n" } else { b",\n" })?;
                        indent(out, self.depth + 2)?;
                    } else if self.pages > 0 {
                        out.write_all(b",")?;
                    }
                    out.write_all(&to_bytes(page, pretty, self.depth + 2)?)?;
                    self.pages += 1;
                }
                Ok(())
            }
            (FormPiece::Close, _) => {
                let text = to_bytes(form, pretty, self.depth)?;
                if pretty && self.pages > 0 {
                    out.write_all(b"\n")?;
                    indent(out, self.depth + 1)?;
                }
                out.write_all(split_at_pages(&text, marker)?.1)
            }
            (FormPiece::Page, _) => Err(io::Error::other("a form piece that is not a form")),
        }
    }
}

/// `value` serialised, pretty at `depth` or compact.
fn to_bytes<T: Serialize>(value: &T, pretty: bool, depth: usize) -> io::Result<Vec<u8>> {
    let mut text = Vec::new();
    if pretty {
        let mut serializer = serde_json::Serializer::with_formatter(&mut text, Nested::new(depth));
        value.serialize(&mut serializer)?;
    } else {
        serde_json::to_writer(&mut text, value)?;
    }
    Ok(text)
}

fn not_open() -> io::Error {
    io::Error::other("a piece of a form that was not opened")
}

fn indent<W: Write>(out: &mut W, depth: usize) -> io::Result<()> {
    for _ in 0..depth {
        out.write_all(b"  ")?;
    }
    Ok(())
}

/// Pretty JSON: one object, or an array of objects.
pub struct JsonWriter<W> {
    out: W,
    /// Whether the documents form an array; `None` until the first input's documents are
    /// known (exactly one document → one object).
    array: Option<bool>,
    wrote_any: bool,
    /// The form being written in pieces.
    form: Option<OpenForm>,
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
            form: None,
        })
    }

    /// Begin an element of the array.
    fn next_element(&mut self) -> io::Result<()> {
        if self.wrote_any {
            self.out.write_all(b",\n")?;
        }
        self.out.write_all(b"  ")
    }

    fn element(&mut self, document: &Document) -> io::Result<()> {
        self.next_element()?;
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

    fn write_form_piece(&mut self, piece: FormPiece, form: &Document) -> io::Result<()> {
        // An input's one form is one object unless the output was already an array.
        let array = *self.array.get_or_insert(false);
        if piece == FormPiece::Open {
            if array {
                self.next_element()?;
            }
            let depth = usize::from(array);
            self.form = Some(OpenForm { depth, pages: 0 });
        }
        let open = self.form.as_mut().ok_or_else(not_open)?;
        open.write(&mut self.out, piece, form, true)?;
        if piece == FormPiece::Close {
            self.form = None;
            self.wrote_any = true;
            if !array {
                self.out.write_all(b"\n")?;
            }
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
    /// The form being written in pieces.
    form: Option<OpenForm>,
}

impl<W: Write> NdjsonWriter<W> {
    pub fn new(out: W) -> NdjsonWriter<W> {
        NdjsonWriter { out, form: None }
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

    fn write_form_piece(&mut self, piece: FormPiece, form: &Document) -> io::Result<()> {
        if piece == FormPiece::Open {
            self.form = Some(OpenForm { depth: 0, pages: 0 });
        }
        let open = self.form.as_mut().ok_or_else(not_open)?;
        open.write(&mut self.out, piece, form, false)?;
        if piece == FormPiece::Close {
            self.form = None;
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

    /// A form of several pages, with a warning.
    fn form() -> Document {
        let text = include_str!("../../fixtures/projects/excel-c1.expected-form.json");
        let mut form: crate::form::FormDocument = serde_json::from_str(text).unwrap();
        form.warnings = serde_json::from_str(r#"["page 2: 3 glyphs cannot be decoded"]"#).unwrap();
        Document::Form(form)
    }

    /// `form` cut into pieces: its head, a part per page, its end.
    fn pieces(form: &Document, pages: usize) -> Vec<(FormPiece, Document)> {
        let Document::Form(whole) = form else {
            panic!("not a form")
        };
        let mut head = whole.clone();
        head.pages.clear();
        head.warnings.clear();
        let mut pieces = vec![(FormPiece::Open, Document::Form(head.clone()))];
        for page in whole.pages.iter().take(pages) {
            let mut part = head.clone();
            part.pages = vec![page.clone()];
            pieces.push((FormPiece::Page, Document::Form(part)));
        }
        let mut end = whole.clone();
        end.pages.clear();
        pieces.push((FormPiece::Close, Document::Form(end)));
        pieces
    }

    /// What `writer` makes of `before` (whole documents), then `form` in pieces.
    fn written(
        mut writer: Box<dyn Writer<Vec<u8>>>,
        before: &[Document],
        form: &Document,
        pages: usize,
    ) -> String {
        if !before.is_empty() {
            writer.write(before).unwrap();
        }
        for (piece, part) in pieces(form, pages) {
            writer.write_form_piece(piece, &part).unwrap();
        }
        String::from_utf8(writer.finish().unwrap()).unwrap()
    }

    /// `form` with its first `pages` pages.
    fn truncated(form: &Document, pages: usize) -> Document {
        let mut form = form.clone();
        if let Document::Form(whole) = &mut form {
            whole.pages.truncate(pages);
        }
        form
    }

    #[test]
    fn a_form_written_in_pieces_is_the_bytes_of_the_whole_form() {
        let form = form();
        let page_count = match &form {
            Document::Form(whole) => whole.pages.len(),
            _ => 0,
        };
        assert!(page_count > 2, "the test needs a form of several pages");
        for pages in [0, 1, page_count] {
            let whole = truncated(&form, pages);
            let pretty = written(
                Box::new(JsonWriter::new(Vec::new(), None).unwrap()),
                &[],
                &form,
                pages,
            );
            assert_eq!(pretty, serde_json::to_string_pretty(&whole).unwrap() + "\n");
            let compact = written(Box::new(NdjsonWriter::new(Vec::new())), &[], &form, pages);
            assert_eq!(compact, serde_json::to_string(&whole).unwrap() + "\n");
            let before = [whole.clone()];
            let array = written(
                Box::new(JsonWriter::new(Vec::new(), Some(true)).unwrap()),
                &before,
                &form,
                pages,
            );
            let both = [whole.clone(), whole.clone()];
            assert_eq!(array, serde_json::to_string_pretty(&both).unwrap() + "\n");
        }
    }

    #[test]
    fn a_page_piece_before_its_head_is_an_error_not_a_panic() {
        let mut writer = NdjsonWriter::new(Vec::new());
        let error = writer
            .write_form_piece(FormPiece::Page, &form())
            .unwrap_err();
        assert_eq!(error.to_string(), "a piece of a form that was not opened");
    }
}
