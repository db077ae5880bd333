/**
 * Data sets are dense, row-major typed arrays: example i occupies X[i*d .. i*d + d).
 * Regression targets live in `y`; class labels (0 .. classes-1) in `labels`.
 */
export interface Dataset {
  readonly name: string;
  /** Number of examples. */
  readonly n: number;
  /** Number of features per example. */
  readonly d: number;
  readonly X: Float64Array;
  /** Regression targets (length n), when the set is for regression. */
  readonly y?: Float64Array;
  /** Class labels (length n), when the set is for classification. */
  readonly labels?: Int32Array;
  /** Number of classes, with `labels`. */
  readonly classes?: number;
  /**
   * Optional per-example difficulty (length n, larger = harder), e.g. closeness to the decision
   * boundary; the training loop's `order: "curriculum"` presents the easiest examples first.
   */
  readonly difficulty?: Float64Array;
  /** For synthetic regression: the weights (and bias) that generated y, to measure recovery. */
  readonly wTrue?: Float64Array;
  readonly bTrue?: number;
}

/** A Dataset known to carry regression targets. */
export type RegressionDataset = Dataset & { readonly y: Float64Array };

/** A Dataset known to carry class labels. */
export type ClassificationDataset = Dataset & { readonly labels: Int32Array; readonly classes: number };

/**
 * A sparse data set in compressed sparse row form: row i's nonzeros are
 * `values[indptr[i] .. indptr[i+1])` at columns `indices[...]`. Used for the lessons on
 * sparse features (Adagrad) and Hogwild!, whose lock-free updates rely on sparse gradients.
 */
export interface SparseDataset {
  readonly name: string;
  readonly n: number;
  readonly d: number;
  readonly indptr: Int32Array;
  readonly indices: Int32Array;
  readonly values: Float64Array;
  readonly y: Float64Array;
  /** The weights that generated y (before noise), to measure recovery. */
  readonly wTrue: Float64Array;
}
