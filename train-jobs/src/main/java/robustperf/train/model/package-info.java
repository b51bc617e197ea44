/** Architectures of the study (small CNN, PreActResNet, ResNet, WideResNet, ViT) as DJL blocks. */
package robustperf.train.model;
