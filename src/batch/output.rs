//! Report files written past the page cache where the system allows it.
//!
//! A batch writes about 100 KB of reports per generated pair (1 GB per
//! 10,000 pairs). Copied through the page cache, every gigabyte cost this
//! 2-core virtual machine 0.5–2.6 s of kernel CPU (first touches of fresh
//! page-cache memory, taken from the cores that check pairs; a `dd` of
//! 1 GB measured 2.6 s of system time), and it pushes the input and
//! everything else out of the cache. Written with `O_DIRECT` from an
//! aligned buffer the same gigabyte costs about 0.1 s (docs/performance.md).
//!
//! [`OutputFile`] is a buffered writer like [`std::io::BufWriter`]: on
//! Linux it writes whole aligned blocks through a second, `O_DIRECT`
//! descriptor, and on [`Write::flush`] it writes the unaligned tail
//! through the ordinary one, so that everything written so far is in the
//! file after every flush (the batch's state file relies on that). Where
//! direct I/O is not to be had (another system, tmpfs, a file system that
//! refuses it at open or at the first write) it is an ordinary buffered
//! writer; the bytes in the file are the same either way.

use std::fs::File;
use std::io::{self, Write};
use std::path::Path;

/// Alignment of the buffer's address, of every direct write's file
/// offset and of its length: 4096 covers disks with 512- and 4096-byte
/// logical blocks.
const ALIGN: usize = 4096;
/// Bytes gathered before a write: a multiple of [`ALIGN`].
const CAPACITY: usize = 1 << 20;

/// A buffered output file; see the module documentation.
#[derive(Debug)]
pub struct OutputFile {
    /// The ordinary descriptor: the fallback, and the tail of a flush.
    plain: File,
    /// The `O_DIRECT` descriptor, while direct writes succeed.
    direct: Option<File>,
    /// `CAPACITY + ALIGN` bytes; the buffer is the aligned window in it.
    storage: Vec<u8>,
    /// Where the aligned window starts in `storage`.
    start: usize,
    /// Bytes in the window.
    len: usize,
    /// The file offset of the window's first byte (aligned while direct).
    offset: u64,
}

impl OutputFile {
    /// Creates (or truncates) `path`, writing through direct I/O where the
    /// system allows it.
    pub fn create(path: &Path) -> io::Result<OutputFile> {
        Self::with_direct_io(path, true)
    }

    /// Creates (or truncates) `path`; `direct` false writes through the
    /// page cache only.
    pub fn with_direct_io(path: &Path, direct: bool) -> io::Result<OutputFile> {
        let plain = File::create(path)?;
        let direct = if direct { open_direct(path) } else { None };
        let storage = vec![0u8; CAPACITY + ALIGN];
        let start = storage.as_ptr().align_offset(ALIGN).min(ALIGN);
        Ok(OutputFile {
            plain,
            direct,
            storage,
            start,
            len: 0,
            offset: 0,
        })
    }

    /// Whether writes still go past the page cache.
    pub fn is_direct(&self) -> bool {
        self.direct.is_some()
    }

    fn window(&self) -> &[u8] {
        &self.storage[self.start..self.start + self.len]
    }

    /// Writes the first `n` bytes of the window at its offset and moves
    /// what follows them to the window's start. `n` is a multiple of
    /// [`ALIGN`] while direct.
    fn write_out(&mut self, n: usize) -> io::Result<()> {
        if n == 0 {
            return Ok(());
        }
        let bytes = &self.storage[self.start..self.start + n];
        let direct_result = self
            .direct
            .as_ref()
            .map(|f| write_at(f, bytes, self.offset));
        match direct_result {
            Some(Ok(())) => {}
            // The file system took the open but not the write (an
            // alignment it does not support, say): carry on without.
            Some(Err(e)) if e.kind() == io::ErrorKind::InvalidInput => {
                self.direct = None;
                write_at(&self.plain, bytes, self.offset)?;
            }
            Some(Err(e)) => return Err(e),
            None => write_at(&self.plain, bytes, self.offset)?,
        }
        self.storage
            .copy_within(self.start + n..self.start + self.len, self.start);
        self.len -= n;
        self.offset += n as u64;
        Ok(())
    }
}

impl Write for OutputFile {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        if self.len == CAPACITY {
            self.write_out(CAPACITY)?;
        }
        let n = buf.len().min(CAPACITY - self.len);
        let at = self.start + self.len;
        self.storage[at..at + n].copy_from_slice(&buf[..n]);
        self.len += n;
        Ok(n)
    }

    fn write_all(&mut self, mut buf: &[u8]) -> io::Result<()> {
        while !buf.is_empty() {
            let n = self.write(buf)?;
            buf = &buf[n..];
        }
        Ok(())
    }

    /// Puts everything written so far into the file: whole blocks
    /// directly, the tail through the page cache. The tail stays in the
    /// buffer, so the next direct write starts at an aligned offset and
    /// writes it again, with what follows it.
    fn flush(&mut self) -> io::Result<()> {
        if self.direct.is_none() {
            return self.write_out(self.len);
        }
        self.write_out(self.len / ALIGN * ALIGN)?;
        if self.direct.is_none() {
            return self.write_out(self.len);
        }
        write_at(&self.plain, self.window(), self.offset)
    }
}

impl Drop for OutputFile {
    /// Like `BufWriter`, a dropped file writes what it holds; errors are
    /// for an explicit [`Write::flush`] to report.
    fn drop(&mut self) {
        let _ = self.flush();
    }
}

#[cfg(unix)]
fn write_at(file: &File, bytes: &[u8], offset: u64) -> io::Result<()> {
    std::os::unix::fs::FileExt::write_all_at(file, bytes, offset)
}

#[cfg(not(unix))]
fn write_at(mut file: &File, bytes: &[u8], offset: u64) -> io::Result<()> {
    use std::io::{Seek, SeekFrom};
    file.seek(SeekFrom::Start(offset))?;
    file.write_all(bytes)
}

#[cfg(target_os = "linux")]
fn open_direct(path: &Path) -> Option<File> {
    use std::os::unix::fs::OpenOptionsExt;
    File::options()
        .write(true)
        .custom_flags(libc::O_DIRECT)
        .open(path)
        .ok()
}

#[cfg(not(target_os = "linux"))]
fn open_direct(_path: &Path) -> Option<File> {
    None
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// Writes `pieces` (flushing after those marked) and returns the file.
    fn written(direct: bool, pieces: &[(Vec<u8>, bool)]) -> (Vec<u8>, bool) {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("out");
        let mut file = OutputFile::with_direct_io(&path, direct).unwrap();
        let mut so_far = Vec::new();
        for (bytes, flush) in pieces {
            file.write_all(bytes).unwrap();
            so_far.extend_from_slice(bytes);
            if *flush {
                file.flush().unwrap();
                // After a flush the file holds everything so far.
                assert!(
                    std::fs::read(&path).unwrap() == so_far,
                    "flushed file differs"
                );
            }
        }
        let was_direct = file.is_direct();
        drop(file);
        (std::fs::read(&path).unwrap(), was_direct)
    }

    fn piece() -> impl Strategy<Value = (Vec<u8>, bool)> {
        // Sizes on both sides of the alignment and of the buffer.
        let len = prop_oneof![0usize..10, 4090usize..4100, 100_000usize..1_100_000];
        (len, any::<u8>(), any::<bool>())
            .prop_map(|(n, seed, flush)| ((0..n).map(|i| (i as u8) ^ seed).collect(), flush))
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(24))]
        #[test]
        fn the_file_holds_exactly_what_was_written(pieces in prop::collection::vec(piece(), 0..8)) {
            let expected: Vec<u8> = pieces.iter().flat_map(|(b, _)| b.clone()).collect();
            for direct in [true, false] {
                let (got, _) = written(direct, &pieces);
                prop_assert_eq!(got.len(), expected.len());
                prop_assert!(got == expected, "direct={}: contents differ", direct);
            }
        }
    }

    #[test]
    fn direct_io_is_used_where_the_file_system_takes_it() {
        // Linux on a disk file system (the test's temporary folder): the
        // point of the module. Elsewhere only the contents are checked.
        let big = vec![
            (vec![7u8; 3 * CAPACITY + 5], true),
            (b"tail".to_vec(), true),
        ];
        let (got, was_direct) = written(true, &big);
        assert_eq!(got.len(), 3 * CAPACITY + 9);
        assert!(got.ends_with(b"\x07tail"));
        if cfg!(target_os = "linux") && opens_direct(&std::env::temp_dir()) {
            assert!(was_direct, "direct I/O was dropped on a disk file system");
        }
    }

    /// Whether `dir`'s file system takes O_DIRECT at open (tmpfs does
    /// not; there only the contents are checked).
    fn opens_direct(dir: &Path) -> bool {
        let probe = dir.join(format!("backcheck-probe-{}", std::process::id()));
        let ok = File::create(&probe).is_ok() && open_direct(&probe).is_some();
        let _ = std::fs::remove_file(&probe);
        ok
    }

    #[test]
    fn a_dropped_file_keeps_its_buffered_bytes() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("out");
        {
            let mut file = OutputFile::create(&path).unwrap();
            file.write_all(b"not flushed").unwrap();
        }
        assert_eq!(std::fs::read(&path).unwrap(), b"not flushed");
    }
}
