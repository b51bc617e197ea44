/** Datasets in their published formats (IDX, CIFAR binary, image folders) and the CIFAR augmentation. */
package robustperf.train.data;
