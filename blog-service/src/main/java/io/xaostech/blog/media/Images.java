package io.xaostech.blog.media;

import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;
import org.springframework.stereotype.Component;

/**
 * Reads an uploaded image (its size from the header first, so a small file that would decode into a huge
 * bitmap is refused before decoding) and writes the narrower variants readers' pages use.
 */
@Component
class Images {

    /** An image's size, and its resized copies (temporary files the caller deletes). */
    record Processed(int width, int height, List<Variant> variants) {
    }

    record Variant(String name, Path file, String contentType, int width, int height) {
    }

    /** The image could not be read as the type its first bytes claim, or is too large to decode. */
    static final class Unreadable extends Exception {
        Unreadable(String message) {
            super(message);
        }
    }

    Processed process(Path file, FileType type, List<Integer> widths, long maxPixels) throws IOException, Unreadable {
        BufferedImage image = read(file, maxPixels);
        List<Variant> variants = new ArrayList<>();
        try {
            for (int width : widths) {
                if (width < image.getWidth()) {
                    variants.add(resized(image, type, width));
                }
            }
        } catch (IOException | RuntimeException e) {
            for (Variant v : variants) {
                Files.deleteIfExists(v.file());
            }
            throw e;
        }
        return new Processed(image.getWidth(), image.getHeight(), variants);
    }

    private static BufferedImage read(Path file, long maxPixels) throws IOException, Unreadable {
        try (ImageInputStream in = ImageIO.createImageInputStream(file.toFile())) {
            Iterator<ImageReader> readers = in == null ? null : ImageIO.getImageReaders(in);
            if (readers == null || !readers.hasNext()) {
                throw new Unreadable("The image cannot be read.");
            }
            ImageReader reader = readers.next();
            try {
                reader.setInput(in, true, true);
                long pixels = (long) reader.getWidth(0) * reader.getHeight(0);
                if (pixels > maxPixels) {
                    throw new Unreadable("The image has " + pixels + " pixels; at most " + maxPixels + " are accepted.");
                }
                return reader.read(0);
            } catch (IOException | IndexOutOfBoundsException | IllegalArgumentException e) {
                throw new Unreadable("The image is damaged or incomplete.");
            } finally {
                reader.dispose();
            }
        }
    }

    private static Variant resized(BufferedImage image, FileType type, int width) throws IOException {
        int height = Math.max(1, Math.round((float) image.getHeight() * width / image.getWidth()));
        boolean jpeg = type == FileType.JPEG;
        BufferedImage scaled = new BufferedImage(width, height, jpeg ? BufferedImage.TYPE_INT_RGB : BufferedImage.TYPE_INT_ARGB);
        Graphics2D g = scaled.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BICUBIC);
            g.setRenderingHint(RenderingHints.KEY_RENDERING, RenderingHints.VALUE_RENDER_QUALITY);
            g.drawImage(image, 0, 0, width, height, null);
        } finally {
            g.dispose();
        }
        Path out = Files.createTempFile("blog-variant-", jpeg ? ".jpg" : ".png");
        if (!ImageIO.write(scaled, jpeg ? "jpeg" : "png", out.toFile())) {
            Files.deleteIfExists(out);
            throw new IOException("No image writer for " + type);
        }
        return new Variant("w" + width, out, jpeg ? FileType.JPEG.contentType() : FileType.PNG.contentType(), width, height);
    }
}
