//! The letterhead's logo as the renderers take it: a PNG. A logo uploaded as PNG is kept as
//! it is once it reads as an image; a JPEG is decoded and written again as PNG. The type is
//! read from the bytes, never from a file name; an image larger than [`MAX_LOGO_SIDE`]
//! pixels on a side is refused before it is decoded.

use std::io::Cursor;

use image::{ImageFormat, ImageReader};

use crate::error::LetterError;

/// The longest side of a logo (pixels): a letterhead logo is printed about 2.3 cm wide.
pub const MAX_LOGO_SIDE: u32 = 2000;

/// The logo as PNG bytes, from a PNG or a JPEG.
pub fn logo_png(bytes: &[u8]) -> Result<Vec<u8>, LetterError> {
    let format = image::guess_format(bytes).map_err(|e| LetterError::Logo(e.to_string()))?;
    if !matches!(format, ImageFormat::Png | ImageFormat::Jpeg) {
        return Err(LetterError::Logo(format!(
            "{format:?} is neither PNG nor JPEG"
        )));
    }
    let (w, h) = ImageReader::with_format(Cursor::new(bytes), format)
        .into_dimensions()
        .map_err(|e| LetterError::Logo(e.to_string()))?;
    if w == 0 || h == 0 || w > MAX_LOGO_SIDE || h > MAX_LOGO_SIDE {
        return Err(LetterError::Logo(format!(
            "{w}×{h} pixels; at most {MAX_LOGO_SIDE} on a side"
        )));
    }
    let image = ImageReader::with_format(Cursor::new(bytes), format)
        .decode()
        .map_err(|e| LetterError::Logo(e.to_string()))?;
    if format == ImageFormat::Png {
        return Ok(bytes.to_vec());
    }
    let mut png = Vec::new();
    image
        .write_to(&mut Cursor::new(&mut png), ImageFormat::Png)
        .map_err(|e| LetterError::Logo(e.to_string()))?;
    Ok(png)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn encoded(format: ImageFormat, side: u32) -> Vec<u8> {
        let img = image::RgbImage::from_pixel(side, side, image::Rgb([200, 30, 30]));
        let mut out = Vec::new();
        image::DynamicImage::ImageRgb8(img)
            .write_to(&mut Cursor::new(&mut out), format)
            .expect("encode");
        out
    }

    #[test]
    fn a_png_stays_and_a_jpeg_becomes_a_png_of_the_same_size() {
        let png = encoded(ImageFormat::Png, 8);
        assert_eq!(logo_png(&png).expect("png"), png);
        let from_jpeg = logo_png(&encoded(ImageFormat::Jpeg, 8)).expect("jpeg");
        assert!(from_jpeg.starts_with(b"\x89PNG\r\n\x1a\n"));
        assert_eq!(crate::qr::png_size(&from_jpeg).expect("size"), (8, 8));
    }

    #[test]
    fn text_a_broken_png_and_a_huge_image_are_refused() {
        assert!(logo_png(b"bukan gambar").is_err());
        let mut broken = encoded(ImageFormat::Png, 8);
        broken.truncate(40);
        assert!(logo_png(&broken).is_err());
        assert!(logo_png(&encoded(ImageFormat::Png, MAX_LOGO_SIDE + 1)).is_err());
    }
}
