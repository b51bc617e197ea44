package robustperf.train.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.LambdaBlock;
import ai.djl.nn.SequentialBlock;

/**
 * The CIFAR ResNets of He et al. 2016 (Section 4.2), as akamaster/pytorch_resnet_cifar10 writes
 * them: a 3x3 convolution to 16 maps, three stages of n post-activation basic units at 16, 32, 64
 * channels (stride 2 at the first unit of the last two), global average pooling, linear. Depth is
 * 6n + 2. Shortcuts are the paper's option A for CIFAR: parameter-free, the input subsampled by 2
 * and zero-padded to the new width.
 *
 * @param depth 6n + 2: 20, 32, 44, 56, 110, ...
 */
public record CifarResNet(int depth) {
  /** Name of the parameter-free option-A shortcut (moves and pads data, no arithmetic). */
  public static final String SUBSAMPLE_AND_PAD = "subsample_and_pad";

  public CifarResNet {
    if (depth < 8 || (depth - 2) % 6 != 0) {
      throw new IllegalArgumentException("CIFAR ResNet depth must be 6n+2 (n >= 1), got " + depth);
    }
  }

  /**
   * @param classes number of classes
   * @return the uninitialized block
   */
  public Block build(int classes) {
    int n = (depth - 2) / 6;
    SequentialBlock net = new SequentialBlock().add(Layers.conv3x3(16, 1)).add(Layers.batchNorm()).add(Layers.relu());
    int in = 16;
    for (int width : new int[] {16, 32, 64}) {
      for (int unit = 0; unit < n; unit++) {
        int stride = width > 16 && unit == 0 ? 2 : 1;
        Block main =
            new SequentialBlock()
                .add(Layers.conv3x3(width, stride))
                .add(Layers.batchNorm())
                .add(Layers.relu())
                .add(Layers.conv3x3(width, 1))
                .add(Layers.batchNorm());
        Block shortcut = in == width && stride == 1 ? null : subsampleAndPad((width - in) / 2);
        net.add(new Residual(null, main, shortcut)).add(Layers.relu());
        in = width;
      }
    }
    return net.add(Layers.classifierHead(classes));
  }

  /** Every other pixel of every other row, with {@code pad} zero channels on each side. */
  private static Block subsampleAndPad(int pad) {
    return LambdaBlock.singleton(
        (NDArray x) -> x.get(":, :, ::2, ::2").pad(new Shape(0, 0, 0, 0, pad, pad), 0), SUBSAMPLE_AND_PAD);
  }
}
