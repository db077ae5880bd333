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
}

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
