/**
 * Architectures of the study (small CNN, PreActResNet, ResNet, WideResNet, ViT) and of RobustBench's
 * transformer-era entries (XCiT, ConvNeXt, Swin, ConvStem variants) as DJL blocks.
 */
package robustperf.train.model;
