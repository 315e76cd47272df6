//! Embedded TrueType programs of CID fonts, read when first needed (sheet-extract's patch).
//!
//! Upstream hayro-font inflates, hashes and parses a Type 0 font's embedded program when the
//! font is made. A text extractor never draws an outline, and the programs Excel embeds for
//! Japanese are large (a 770 kB subset of BIZ UDPGothic for one page): reading one was about a
//! third of the time sheet-extract spent on a one-page sheet. Here a font that has a
//! `ToUnicode` map and an embedded program, stored plain or Flate-compressed, whose first bytes
//! say TrueType keeps the program's stored bytes and reads them on first use (an outline, the
//! font's data or metrics). Its glyphs map CID → GID by the font's `CIDToGIDMap`, as upstream
//! does for a TrueType program; a program that proves unreadable on first use is replaced by
//! the fallback program upstream would have chosen.

use crate::program::{FontProgram, ProgramKind};
use crate::{FontQuery, FontResolverFn};
use hayro_syntax::Filter;
use hayro_syntax::object::Stream;
use hayro_syntax::object::dict::keys::{DECODE_PARMS, DP};
use std::cell::OnceCell;
use std::io::Read;
use std::sync::Arc;

/// A font program, read now or on first use.
#[derive(Debug)]
pub(crate) enum ProgramSlot {
    Ready(FontProgram),
    Deferred(Box<DeferredProgram>),
}

impl ProgramSlot {
    /// The program's kind: a deferred program is always a TrueType (sfnt) program.
    pub(crate) fn kind(&self) -> ProgramKind {
        match self {
            Self::Ready(program) => program.kind(),
            Self::Deferred(_) => ProgramKind::Sfnt,
        }
    }

    /// The program, read now if it was deferred; `None` if neither it nor the fallback reads.
    pub(crate) fn get(&self) -> Option<&FontProgram> {
        match self {
            Self::Ready(program) => Some(program),
            Self::Deferred(deferred) => deferred.get(),
        }
    }
}

/// How a deferred program's bytes are stored.
#[derive(Debug, Clone, Copy)]
enum Packing {
    Plain,
    Zlib,
    Deflate,
}

/// The stored bytes of an embedded TrueType program, and what replaces it if it is unreadable.
pub(crate) struct DeferredProgram {
    stored: Vec<u8>,
    packing: Packing,
    fallback: (FontResolverFn, FontQuery),
    program: OnceCell<Option<FontProgram>>,
}

impl std::fmt::Debug for DeferredProgram {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("DeferredProgram")
            .field("stored", &self.stored.len())
            .field("packing", &self.packing)
            .field("program", &self.program)
            .finish()
    }
}

impl DeferredProgram {
    /// A deferred program for `stream` when it is stored plain or Flate-compressed (no
    /// predictor) and its first bytes are a TrueType header; `None` when it must be read now.
    /// `fallback` makes the query for the program that replaces an unreadable one.
    pub(crate) fn new(
        stream: &Stream<'_>,
        font_resolver: &FontResolverFn,
        fallback: impl FnOnce() -> FontQuery,
    ) -> Option<Self> {
        let dict = stream.dict();
        if dict.contains_key(DECODE_PARMS) || dict.contains_key(DP) {
            return None;
        }
        let stored = stream.raw_data();
        let mut head = [0_u8; 4];
        let packing = match stream.filters().as_slice() {
            [] => {
                head.copy_from_slice(stored.get(..4)?);
                Packing::Plain
            }
            [Filter::FlateDecode] => {
                if flate2::read::ZlibDecoder::new(&stored[..])
                    .read_exact(&mut head)
                    .is_ok()
                {
                    Packing::Zlib
                } else {
                    flate2::read::DeflateDecoder::new(&stored[..])
                        .read_exact(&mut head)
                        .ok()?;
                    Packing::Deflate
                }
            }
            _ => return None,
        };
        if head != [0, 1, 0, 0] && &head != b"true" {
            return None;
        }
        Some(Self {
            stored: stored.into_owned(),
            packing,
            fallback: (font_resolver.clone(), fallback()),
            program: OnceCell::new(),
        })
    }

    fn get(&self) -> Option<&FontProgram> {
        self.program
            .get_or_init(|| {
                self.read().or_else(|| {
                    let (resolver, query) = &self.fallback;
                    let (data, index) = resolver(query)?;
                    FontProgram::new(data, index)
                })
            })
            .as_ref()
    }

    /// The program inflated and parsed; what inflates of a damaged stream is kept, as
    /// hayro-syntax's own Flate decoder keeps it.
    fn read(&self) -> Option<FontProgram> {
        let mut data = Vec::new();
        let _ = match self.packing {
            Packing::Plain => {
                data.extend_from_slice(&self.stored);
                Ok(data.len())
            }
            Packing::Zlib => {
                flate2::read::ZlibDecoder::new(&self.stored[..]).read_to_end(&mut data)
            }
            Packing::Deflate => {
                flate2::read::DeflateDecoder::new(&self.stored[..]).read_to_end(&mut data)
            }
        };
        if data.is_empty() {
            return None;
        }
        FontProgram::new(Arc::new(data), 0)
    }
}
