package robustperf.train.data;

import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import javax.imageio.ImageIO;

/**
 * An ImageNet-style folder: one sub-directory per class (sorted by name gives the class index),
 * JPEG or PNG images inside. Images are resized so the short side is {@code 256/224 * side} and
 * centre-cropped to {@code side} (the standard ImageNet evaluation transform).
 */
public final class ImageFolder {
  private ImageFolder() {}

  /**
   * @param name dataset name
   * @param root directory of class directories
   * @param side output side in pixels (224 for ImageNet)
   * @return the dataset
   * @throws DatasetException naming an unreadable image or an empty folder
   */
  public static ImageDataset read(String name, Path root, int side) {
    List<Path> classes = new ArrayList<>();
    try (Stream<Path> list = Files.list(root)) {
      list.filter(Files::isDirectory).sorted().forEach(classes::add);
    } catch (IOException e) {
      throw new DatasetException(root, "not a readable directory of class folders", e);
    }
    if (classes.size() < 2) {
      throw new DatasetException(root, "needs at least two class folders, found " + classes.size());
    }
    List<byte[]> images = new ArrayList<>();
    List<Integer> labels = new ArrayList<>();
    for (int c = 0; c < classes.size(); c++) {
      List<Path> files;
      try (Stream<Path> list = Files.list(classes.get(c))) {
        files = list.filter(ImageFolder::isImage).sorted().toList();
      } catch (IOException e) {
        throw new DatasetException(classes.get(c), "unreadable class folder", e);
      }
      for (Path file : files) {
        images.add(pixels(file, side));
        labels.add(c);
      }
    }
    if (images.isEmpty()) {
      throw new DatasetException(root, "has no .jpg, .jpeg or .png images");
    }
    int imageBytes = 3 * side * side;
    byte[] all = new byte[images.size() * imageBytes];
    for (int i = 0; i < images.size(); i++) {
      System.arraycopy(images.get(i), 0, all, i * imageBytes, imageBytes);
    }
    return new ImageDataset(
        name, 3, side, side, classes.size(), all, labels.stream().mapToInt(Integer::intValue).toArray());
  }

  private static boolean isImage(Path file) {
    String n = file.getFileName().toString().toLowerCase(Locale.ROOT);
    return n.endsWith(".jpg") || n.endsWith(".jpeg") || n.endsWith(".png");
  }

  private static byte[] pixels(Path file, int side) {
    BufferedImage image;
    try {
      image = ImageIO.read(file.toFile());
    } catch (IOException e) {
      throw new DatasetException(file, "not a decodable image: " + e.getMessage(), e);
    }
    if (image == null) {
      throw new DatasetException(file, "not a decodable image");
    }
    double scale = Math.round(side * 256.0 / 224.0) / (double) Math.min(image.getWidth(), image.getHeight());
    int w = Math.max(side, (int) Math.round(image.getWidth() * scale));
    int h = Math.max(side, (int) Math.round(image.getHeight() * scale));
    BufferedImage resized = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = resized.createGraphics();
    g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
    g.drawImage(image, 0, 0, w, h, null);
    g.dispose();
    int x0 = (w - side) / 2;
    int y0 = (h - side) / 2;
    byte[] out = new byte[3 * side * side];
    int plane = side * side;
    for (int y = 0; y < side; y++) {
      for (int x = 0; x < side; x++) {
        int rgb = resized.getRGB(x0 + x, y0 + y);
        int at = y * side + x;
        out[at] = (byte) (rgb >> 16);
        out[plane + at] = (byte) (rgb >> 8);
        out[2 * plane + at] = (byte) rgb;
      }
    }
    return out;
  }
}
