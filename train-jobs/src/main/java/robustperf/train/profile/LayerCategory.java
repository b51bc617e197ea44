package robustperf.train.profile;

import java.util.Locale;

/**
 * The layer category of a profiled operator, from its name: forward ops ("aten::mkldnn_convolution"),
 * their backward nodes ("ConvolutionBackward0") and the autograd engine's wrappers around them
 * ("autograd::engine::evaluate_function: ConvolutionBackward0") alike. Loss ops are told apart
 * from attention's softmax by their log-softmax and NLL names; what no rule knows (copies, views,
 * elementwise arithmetic, the optimizer's in-place updates) is "other".
 */
public final class LayerCategory {
  private LayerCategory() {}

  /**
   * @param operator a profiler event name
   * @return one of {@link robustperf.records.LayerProfile#CATEGORIES}
   */
  public static String of(String operator) {
    String n = operator.toLowerCase(Locale.ROOT);
    if (n.contains("conv")) {
      return "convolution";
    }
    if (n.contains("batch_norm") || n.contains("batchnorm") || n.contains("layer_norm") || n.contains("layernorm")
        || n.contains("group_norm") || n.contains("groupnorm")) {
      return "normalization";
    }
    if (n.contains("log_softmax") || n.contains("logsoftmax") || n.contains("nll_loss") || n.contains("nllloss")
        || n.contains("cross_entropy") || n.contains("kl_div") || n.contains("binary_cross")) {
      return "loss";
    }
    if (n.contains("softmax") || n.contains("bmm") || n.contains("scaled_dot_product") || n.contains("attention")) {
      return "attention";
    }
    if (n.contains("relu") || n.contains("gelu") || n.contains("threshold") || n.contains("sigmoid") || n.contains("tanh")
        || n.contains("silu")) {
      return "activation";
    }
    if (n.contains("addmm") || n.endsWith("::mm") || n.contains("mmbackward") || n.contains("linear") || n.contains("matmul")) {
      return "linear";
    }
    if (n.contains("pool")) {
      return "pooling";
    }
    if (n.contains("sgd") || n.contains("adam") || n.contains("optimizer")) {
      return "optimizer";
    }
    return "other";
  }
}
