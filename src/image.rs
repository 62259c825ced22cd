//! `--image PATH|URL`: pictures attached to the prompt as `image_url` content parts.
//!
//! URLs (http, https, data) are sent as given. Local files become base64 data URLs whose
//! MIME type comes from the file's first bytes, not its name, so a PNG saved as `.jpg`
//! is still sent as PNG. The API takes PNG, JPEG, WebP and non-animated GIF up to 20 MB.

use std::path::Path;

use base64::Engine;

use crate::error::{Error, Input, Problem};

/// The API's limit on one image.
pub const MAX_IMAGE_BYTES: u64 = 20 * 1024 * 1024;

/// Turns `--image` into the URL to send.
pub fn load(arg: &str) -> Result<String, Error> {
    let lower = arg.get(..8).unwrap_or(arg).to_ascii_lowercase();
    if lower.starts_with("http://") || lower.starts_with("https://") || lower.starts_with("data:") {
        return Ok(arg.to_string());
    }
    let path = Path::new(arg);
    let size = std::fs::metadata(path)
        .map_err(|err| Error::read(Input::Image(path.to_path_buf()), err))?
        .len();
    if size > MAX_IMAGE_BYTES {
        return Err(Problem::ImageTooLarge {
            path: path.to_path_buf(),
            bytes: size,
        }
        .into());
    }
    let bytes =
        std::fs::read(path).map_err(|err| Error::read(Input::Image(path.to_path_buf()), err))?;
    let mime = sniff(&bytes).ok_or_else(|| Problem::ImageFormat(path.to_path_buf()))?;
    Ok(data_url(mime, &bytes))
}

/// The MIME type of supported image bytes, from their magic numbers.
pub fn sniff(bytes: &[u8]) -> Option<&'static str> {
    if bytes.starts_with(b"\x89PNG\r\n\x1a\n") {
        Some("image/png")
    } else if bytes.starts_with(b"\xff\xd8\xff") {
        Some("image/jpeg")
    } else if bytes.starts_with(b"GIF87a") || bytes.starts_with(b"GIF89a") {
        Some("image/gif")
    } else if bytes.len() >= 12 && bytes.starts_with(b"RIFF") && &bytes[8..12] == b"WEBP" {
        Some("image/webp")
    } else {
        None
    }
}

pub fn data_url(mime: &str, bytes: &[u8]) -> String {
    let encoded = base64::engine::general_purpose::STANDARD.encode(bytes);
    format!("data:{mime};base64,{encoded}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats_are_known_by_their_bytes() {
        assert_eq!(sniff(b"\x89PNG\r\n\x1a\n...."), Some("image/png"));
        assert_eq!(sniff(b"\xff\xd8\xff\xe0..JFIF"), Some("image/jpeg"));
        assert_eq!(sniff(b"GIF89a...."), Some("image/gif"));
        assert_eq!(sniff(b"RIFF\x10\0\0\0WEBPVP8 "), Some("image/webp"));
        assert_eq!(sniff(b"RIFF\x10\0\0\0WAVEfmt "), None);
        assert_eq!(sniff(b"%PDF-1.7"), None);
        assert_eq!(sniff(b""), None);
    }

    #[test]
    fn urls_pass_through_and_files_become_data_urls() {
        assert_eq!(
            load("https://x.test/a.png").unwrap(),
            "https://x.test/a.png"
        );
        assert_eq!(
            load("data:image/png;base64,AA==").unwrap(),
            "data:image/png;base64,AA=="
        );
        assert_eq!(
            data_url("image/gif", b"GIF89a"),
            "data:image/gif;base64,R0lGODlh"
        );
    }
}
