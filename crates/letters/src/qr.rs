//! The QR code of the verification URL, as a PNG that both renderers embed.

use std::io::Cursor;

use image::{ImageFormat, Luma};
use qrcode::{EcLevel, QrCode};

use crate::error::LetterError;

/// Pixels per QR module: crisp at the 2.2 cm the letters print it.
const MODULE_PX: u32 = 8;

/// A PNG of the QR code of `data`, with its quiet zone, medium error correction.
pub fn png(data: &str) -> Result<Vec<u8>, LetterError> {
    let code = QrCode::with_error_correction_level(data.as_bytes(), EcLevel::M)
        .map_err(|e| LetterError::Qr(e.to_string()))?;
    let img = code
        .render::<Luma<u8>>()
        .quiet_zone(true)
        .module_dimensions(MODULE_PX, MODULE_PX)
        .build();
    let mut out = Cursor::new(Vec::new());
    img.write_to(&mut out, ImageFormat::Png)
        .map_err(|e| LetterError::Qr(e.to_string()))?;
    Ok(out.into_inner())
}

/// Width and height of a PNG, refusing anything that is not a readable PNG.
pub fn png_size(bytes: &[u8]) -> Result<(u32, u32), LetterError> {
    let reader = image::ImageReader::with_format(Cursor::new(bytes), ImageFormat::Png);
    reader
        .into_dimensions()
        .map_err(|e| LetterError::Logo(e.to_string()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_qr_code_is_a_square_png() {
        let png = png("https://sikerja.banjarkab.go.id/v/abc").expect("qr");
        assert!(png.starts_with(b"\x89PNG"));
        let (w, h) = png_size(&png).expect("size");
        assert_eq!(w, h);
        assert!(w >= 21 * MODULE_PX);
        assert!(png_size(b"not a png").is_err());
    }
}
