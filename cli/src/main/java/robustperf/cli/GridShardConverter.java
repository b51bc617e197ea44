package robustperf.cli;

import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;
import robustperf.train.grid.GridShard;

/** Reads --shard i/n, with GridShard's message when it is not one. */
final class GridShardConverter implements ITypeConverter<GridShard> {
  @Override
  public GridShard convert(String value) {
    try {
      return GridShard.parse(value);
    } catch (IllegalArgumentException e) {
      throw new TypeConversionException(e.getMessage());
    }
  }
}
