//! Decoded-size budget for the streams a page's interpretation decodes — content streams, form
//! XObjects, and the fonts' programs (`FontFile`, `FontFile2`, `FontFile3`), `ToUnicode` CMaps
//! and Type 3 glyph procedures: takes a page and a byte limit, and tells whether interpreting
//! the page would inflate more than that (a decompression bomb), before the engine decodes
//! anything. (Images are never decoded: the extractor draws none.) Flate streams are inflated
//! here in a streaming way, counting and discarding, so the check itself needs a few kilobytes
//! whatever the stream holds. A font's Flate stream is first charged at the most deflate can
//! give ([`DEFLATE_MAX_RATIO`] times its compressed size) without inflating it — a CID TrueType
//! program can be most of a page's work, and the engine (patched, vendor/hayro-font) keeps such
//! a program as stored, while other programs it inflates anyway — and measured only when that
//! bound could exceed the budget: then the streams charged at their bound are measured too, so
//! that a page is refused only when what the streams really inflate to is over the limit.

use std::collections::HashSet;
use std::io::Read;

use hayro_interpret::hayro_syntax::Filter;
use hayro_interpret::hayro_syntax::object::dict::keys::{
    CHAR_PROCS, CONTENTS, DESCENDANT_FONTS, FILTER, FONT, FONT_DESC, FONT_FILE, FONT_FILE2,
    FONT_FILE3, RESOURCES, SUBTYPE, TO_UNICODE, XOBJECT,
};
use hayro_interpret::hayro_syntax::object::{Array, Dict, Name, ObjectIdentifier, Stream};
use hayro_interpret::hayro_syntax::page::Page;
use hayro_interpret::hayro_syntax::xref::XRef;

/// The most deflate data can expand: a 258-byte match coded in 2 bits.
pub const DEFLATE_MAX_RATIO: u64 = 1032;

/// Form XObjects nested deeper than this are not followed (the engine stops earlier anyway).
const MAX_FORM_DEPTH: usize = 32;

/// Walks a page's content streams and form XObjects, adding up their decoded sizes.
pub struct StreamBudget {
    limit: u64,
    used: u64,
    seen: HashSet<ObjectIdentifier>,
    /// Streams first seen while charging the current page: forgotten again if it fails.
    added: Vec<ObjectIdentifier>,
    /// Font streams charged at their deflate bound, not measured: (stream, bound).
    bounded: Vec<(ObjectIdentifier, u64)>,
    /// Measure every stream (no bounds): set while a page is charged again.
    measure_all: bool,
    undecodable: bool,
}

impl StreamBudget {
    pub fn new(limit: u64) -> StreamBudget {
        StreamBudget {
            limit,
            used: 0,
            seen: HashSet::new(),
            added: Vec::new(),
            bounded: Vec::new(),
            measure_all: false,
            undecodable: false,
        }
    }

    /// Whether a charged stream had an unknown filter or corrupt compressed data (the engine
    /// drops such content silently).
    pub fn saw_undecodable(&self) -> bool {
        self.undecodable
    }

    /// Decoded bytes counted so far.
    pub fn used(&self) -> u64 {
        self.used
    }

    /// Count the page's content streams and the forms it may draw; `false` once over the
    /// limit. A page that does not fit is not counted (it is not interpreted), so that the
    /// pages after it are charged as if it were not there.
    /// `xref` resolves the streams charged at their bound when they must be measured.
    pub fn charge_page(&mut self, page: &Page<'_>, xref: &XRef) -> bool {
        if self.try_page(page) {
            return true;
        }
        if self.bounded.is_empty() {
            return false;
        }
        // Charged at their bound, the fonts may only seem too large: measure them all, and
        // this page's streams too.
        self.measure_bounded(xref);
        self.measure_all = true;
        let fits = self.try_page(page);
        self.measure_all = false;
        fits
    }

    /// Charge the page's streams, or nothing when they do not fit.
    fn try_page(&mut self, page: &Page<'_>) -> bool {
        let (used, bounded) = (self.used, self.bounded.len());
        self.added.clear();
        let fits = self.charge_page_streams(page);
        if !fits {
            self.used = used;
            self.bounded.truncate(bounded);
            for id in self.added.drain(..) {
                self.seen.remove(&id);
            }
        }
        fits
    }

    /// Replace the bounds charged so far by the streams' measured sizes.
    fn measure_bounded(&mut self, xref: &XRef) {
        for (id, bound) in std::mem::take(&mut self.bounded) {
            let measured = xref
                .get::<Stream<'_>>(id)
                .and_then(|stream| inflated_size(&stream.raw_data(), bound))
                .unwrap_or(0);
            self.used = self.used.saturating_sub(bound).saturating_add(measured);
        }
    }

    fn charge_page_streams(&mut self, page: &Page<'_>) -> bool {
        let dict = page.raw();
        let mut contents: Vec<Stream<'_>> = dict.get::<Stream<'_>>(CONTENTS).into_iter().collect();
        if let Some(array) = dict.get::<Array<'_>>(CONTENTS) {
            contents.extend(array.iter::<Stream<'_>>());
        }
        // A page without content (legal: an empty page) draws nothing, so none of the fonts
        // and forms of its resources (often inherited from the page tree) is decoded.
        if contents.is_empty() {
            return true;
        }
        for stream in &contents {
            if !self.charge_stream(stream) {
                return false;
            }
        }
        self.charge_fonts(&page.resources().fonts, 0)
            && self.charge_forms(&page.resources().x_objects, 0)
    }

    /// Count the streams of every font in `fonts` (a resource dictionary's `/Font`), those of
    /// a composite font's descendants and of a Type 3 font's glyph procedures and own fonts.
    fn charge_fonts(&mut self, fonts: &Dict<'_>, depth: usize) -> bool {
        if depth > MAX_FORM_DEPTH {
            return true;
        }
        for name in fonts.keys() {
            let Some(font) = fonts.get::<Dict<'_>>(name.as_ref()) else {
                continue;
            };
            let descendants = font.get::<Array<'_>>(DESCENDANT_FONTS);
            let mut dicts = vec![font.clone()];
            dicts.extend(descendants.iter().flat_map(|a| a.iter::<Dict<'_>>()));
            for dict in &dicts {
                if !self.charge_font(dict, depth) {
                    return false;
                }
            }
        }
        true
    }

    /// One font dictionary's own streams.
    fn charge_font(&mut self, font: &Dict<'_>, depth: usize) -> bool {
        let mut streams: Vec<Stream<'_>> = font.get::<Stream<'_>>(TO_UNICODE).into_iter().collect();
        if let Some(descriptor) = font.get::<Dict<'_>>(FONT_DESC) {
            for key in [FONT_FILE, FONT_FILE2, FONT_FILE3] {
                streams.extend(descriptor.get::<Stream<'_>>(key));
            }
        }
        if let Some(procs) = font.get::<Dict<'_>>(CHAR_PROCS) {
            streams.extend(
                procs
                    .keys()
                    .filter_map(|k| procs.get::<Stream<'_>>(k.as_ref())),
            );
        }
        // A font that cannot be decoded shows as undecoded glyphs, not as damaged content.
        let undecodable = self.undecodable;
        let fits = streams.iter().all(|s| self.charge_font_stream(s));
        self.undecodable = undecodable;
        if !fits {
            return false;
        }
        let own_fonts = font
            .get::<Dict<'_>>(RESOURCES)
            .and_then(|r| r.get::<Dict<'_>>(FONT));
        own_fonts.is_none_or(|f| self.charge_fonts(&f, depth + 1))
    }

    /// Count a font's stream (shared by pages or fonts) once: a Flate stream at its deflate
    /// bound while that fits, else measured.
    fn charge_font_stream(&mut self, stream: &Stream<'_>) -> bool {
        if !self.first_time(stream.obj_id()) {
            return true;
        }
        let id = stream.obj_id();
        if !self.measure_all
            && let [Filter::FlateDecode] = stream.filters().as_slice()
            && declared_filter_count(stream) == 1
        {
            let bound = deflate_bound(stream.raw_data().len());
            if self.used.saturating_add(bound) <= self.limit {
                self.used += bound;
                self.bounded.push((id, bound));
                return true;
            }
        }
        self.charge_stream(stream)
    }

    /// Whether the stream `id` is charged for the first time (it is then remembered).
    fn first_time(&mut self, id: ObjectIdentifier) -> bool {
        let first = self.seen.insert(id);
        if first {
            self.added.push(id);
        }
        first
    }

    fn charge_forms(&mut self, x_objects: &Dict<'_>, depth: usize) -> bool {
        if depth > MAX_FORM_DEPTH {
            return true;
        }
        for name in x_objects.keys() {
            let Some(stream) = x_objects.get::<Stream<'_>>(name.as_ref()) else {
                continue;
            };
            let is_form = stream
                .dict()
                .get::<Name<'_>>(SUBTYPE)
                .is_some_and(|s| s.as_ref() == b"Form");
            if !is_form || !self.first_time(stream.obj_id()) {
                continue;
            }
            if !self.charge_stream(&stream) {
                return false;
            }
            let inner = stream
                .dict()
                .get::<Dict<'_>>(RESOURCES)
                .and_then(|r| r.get::<Dict<'_>>(XOBJECT));
            if let Some(inner) = inner
                && !self.charge_forms(&inner, depth + 1)
            {
                return false;
            }
            let fonts = stream
                .dict()
                .get::<Dict<'_>>(RESOURCES)
                .and_then(|r| r.get::<Dict<'_>>(FONT));
            if let Some(fonts) = fonts
                && !self.charge_fonts(&fonts, depth + 1)
            {
                return false;
            }
        }
        true
    }

    /// Add one stream's decoded size; `false` once over the limit.
    fn charge_stream(&mut self, stream: &Stream<'_>) -> bool {
        let raw = stream.raw_data();
        let remaining = self.limit.saturating_sub(self.used);
        let filters = stream.filters();
        if filters.len() < declared_filter_count(stream) {
            self.undecodable = true;
        }
        let size = match filters.as_slice() {
            [Filter::FlateDecode] => inflated_size(&raw, remaining).unwrap_or_else(|| {
                self.undecodable = true;
                0
            }),
            // Other filters expand by small bounded factors (hex, ascii85, run length ≤ 128×);
            // LZW is bounded by its 4096-entry table. Charge a generous estimate.
            [] => raw.len() as u64,
            _ => (raw.len() as u64).saturating_mul(128),
        };
        self.used = self.used.saturating_add(size);
        self.used <= self.limit
    }
}

/// The most `compressed` bytes of deflate data can inflate to.
fn deflate_bound(compressed: usize) -> u64 {
    (compressed as u64)
        .saturating_add(2)
        .saturating_mul(DEFLATE_MAX_RATIO)
}

/// How many filters the stream's dictionary names (known to the engine or not).
fn declared_filter_count(stream: &Stream<'_>) -> usize {
    let dict = stream.dict();
    if dict.get::<Name<'_>>(FILTER).is_some() {
        1
    } else {
        dict.get::<Array<'_>>(FILTER)
            .map_or(0, |a| a.iter::<Name<'_>>().count())
    }
}

/// Size of the zlib (or raw deflate) stream `data` once inflated, counting at most
/// `cap + 1` bytes; `None` when it is not deflate data at all.
fn inflated_size(data: &[u8], cap: u64) -> Option<u64> {
    count_bytes(flate2::read::ZlibDecoder::new(data), cap)
        .or_else(|| count_bytes(flate2::read::DeflateDecoder::new(data), cap))
}

/// Bytes read before the end, an error or `cap + 1`; `None` if an error came first.
fn count_bytes(reader: impl Read, cap: u64) -> Option<u64> {
    let mut limited = reader.take(cap.saturating_add(1));
    let mut buffer = [0u8; 16 * 1024];
    let mut total = 0u64;
    loop {
        match limited.read(&mut buffer) {
            Ok(0) => return Some(total),
            Ok(n) => total += n as u64,
            Err(_) if total > 0 => return Some(total),
            Err(_) => return None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use flate2::Compression;
    use flate2::write::ZlibEncoder;
    use std::io::Write;

    #[test]
    fn counts_inflated_bytes_up_to_the_cap() {
        let mut encoder = ZlibEncoder::new(Vec::new(), Compression::best());
        encoder.write_all(&vec![b' '; 1_000_000]).unwrap();
        let compressed = encoder.finish().unwrap();
        assert_eq!(inflated_size(&compressed, 10_000_000), Some(1_000_000));
        assert_eq!(inflated_size(&compressed, 1000), Some(1001));
        assert_eq!(inflated_size(b"not deflate", 1000), None);
    }
}
