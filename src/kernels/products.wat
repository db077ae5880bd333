;; WebAssembly SIMD kernels of the MLP's products (src/models/mlp.ts, src/models/sparse-products.ts).
;;
;; Plain WebAssembly text (no macros), assembled by `npm run build:wasm` into
;; src/kernels/products-wasm.ts. Every address is a byte address in the imported memory; f64
;; arrays are 8-byte aligned. Every output is a sum taken in the SAME order as the JavaScript
;; loops of src/models/sparse-rows.ts and mlp.ts (f64x2 lanes hold two different outputs, never
;; two terms of one sum), with the same IEEE operations (no fused multiply-add in SIMD 128), so
;; the results are the same bits. Where a kernel adds a term the JS loop skips, the term is a
;; product with an exact zero: adding +-0 to a sum that is not -0 leaves it unchanged, and these
;; sums start at +0 or at a bias that the JS loop also starts from (see each kernel).

(module
  (import "env" "memory" (memory 1))

;; dst[j * nOutP + o] = src[o * nIn + j] (W^T with rows of nOutP = nOut rounded up to even), so
  ;; that two consecutive outputs' weights for input j are adjacent: one f64x2. `src` holds nOutP
  ;; rows (the caller zeroes the padding row of an odd nOut, which becomes the zero padding
  ;; column). Tiled for the cache: blocks of 8 rows of W outside, so each 64-byte line of W^T
  ;; (8 outputs of one input) is written whole while 8 rows of W are read in step; inside, 2 x 2
  ;; tiles: two rows' pairs (a0 a1), (b0 b1) give W^T's (a0 b0) and (a1 b1). An odd nIn's last
  ;; input is gathered lane by lane.
  (func (export "transpose_pad") (param $src i32) (param $dst i32) (param $nOut i32) (param $nIn i32) (param $nOutP i32)
    (local $o0 i32) (local $oEnd i32) (local $o i32) (local $j i32) (local $jEnd i32) (local $s i32) (local $d i32)
    (local $rowBytes i32) (local $colBytes i32) (local $a v128) (local $b v128)
    (local.set $rowBytes (i32.shl (local.get $nIn) (i32.const 3)))
    (local.set $colBytes (i32.shl (local.get $nOutP) (i32.const 3)))
    (local.set $jEnd (i32.and (local.get $nIn) (i32.const -2)))
    (local.set $o0 (i32.const 0))
    (block $blocksDone
      (loop $blocks
        (br_if $blocksDone (i32.ge_u (local.get $o0) (local.get $nOutP)))
        (local.set $oEnd (i32.add (local.get $o0) (i32.const 8)))
        (if (i32.gt_u (local.get $oEnd) (local.get $nOutP)) (then (local.set $oEnd (local.get $nOutP))))
        (local.set $j (i32.const 0))
        (block $colsDone
          (loop $cols
            (br_if $colsDone (i32.ge_u (local.get $j) (local.get $jEnd)))
            (local.set $o (local.get $o0))
            (block $pairsDone
              (loop $pairs
                (br_if $pairsDone (i32.ge_u (local.get $o) (local.get $oEnd)))
                (local.set $s (i32.add (local.get $src)
                  (i32.shl (i32.add (i32.mul (local.get $o) (local.get $nIn)) (local.get $j)) (i32.const 3))))
                (local.set $a (v128.load (local.get $s)))
                (local.set $b (v128.load (i32.add (local.get $s) (local.get $rowBytes))))
                (local.set $d (i32.add (local.get $dst)
                  (i32.shl (i32.add (i32.mul (local.get $j) (local.get $nOutP)) (local.get $o)) (i32.const 3))))
                (v128.store (local.get $d)
                  (i8x16.shuffle 0 1 2 3 4 5 6 7 16 17 18 19 20 21 22 23 (local.get $a) (local.get $b)))
                (v128.store (i32.add (local.get $d) (local.get $colBytes))
                  (i8x16.shuffle 8 9 10 11 12 13 14 15 24 25 26 27 28 29 30 31 (local.get $a) (local.get $b)))
                (local.set $o (i32.add (local.get $o) (i32.const 2)))
                (br $pairs)))
            (local.set $j (i32.add (local.get $j) (i32.const 2)))
            (br $cols)))
        (if (i32.lt_u (local.get $jEnd) (local.get $nIn))
          (then
            (local.set $o (local.get $o0))
            (block $lastDone
              (loop $last
                (br_if $lastDone (i32.ge_u (local.get $o) (local.get $oEnd)))
                (local.set $s (i32.add (local.get $src)
                  (i32.shl (i32.add (i32.mul (local.get $o) (local.get $nIn)) (local.get $jEnd)) (i32.const 3))))
                (local.set $d (i32.add (local.get $dst)
                  (i32.shl (i32.add (i32.mul (local.get $jEnd) (local.get $nOutP)) (local.get $o)) (i32.const 3))))
                (f64.store (local.get $d) (f64.load (local.get $s)))
                (f64.store offset=8 (local.get $d) (f64.load (i32.add (local.get $s) (local.get $rowBytes))))
                (local.set $o (i32.add (local.get $o) (i32.const 2)))
                (br $last)))))
        (local.set $o0 (local.get $oEnd))
        (br $blocks))))

  ;; Forward product over sparse rows (CSR: row r's nonzeros are idx/val[ptr[r] .. ptr[r+1])):
  ;;   z[r * nOut + o] = b_o + sum_k wt[idx[k] * nOutP + o] * val[k], k ascending,
  ;; b_o = bias[o] when hasBias, else +0 (the JS loop's start value). Blocks of 8 outputs (four
  ;; f64x2 sums, independent, so each add's latency is hidden) outside, rows inside: the block's
  ;; 8 columns of W^T (nIn x 64 bytes) stay in cache while the batch streams past. Then pairs;
  ;; an odd last output is a pair whose second lane (the zero padding column) is not stored.
  (func (export "sparse_affine") (param $ptr i32) (param $idx i32) (param $val i32) (param $rows i32)
      (param $wt i32) (param $nOutP i32) (param $bias i32) (param $hasBias i32) (param $z i32) (param $nOut i32)
    (local $o i32) (local $r i32) (local $k i32) (local $end i32) (local $col i32) (local $w i32) (local $out i32)
    (local $stride i32) (local $v v128) (local $b0 v128) (local $b1 v128) (local $b2 v128) (local $b3 v128)
    (local $s0 v128) (local $s1 v128) (local $s2 v128) (local $s3 v128)
    (local.set $stride (i32.shl (local.get $nOutP) (i32.const 3)))
    (local.set $o (i32.const 0))
    (block $blocksDone
      (loop $blocks
        (br_if $blocksDone (i32.gt_u (i32.add (local.get $o) (i32.const 8)) (local.get $nOut)))
        (local.set $col (i32.add (local.get $wt) (i32.shl (local.get $o) (i32.const 3))))
        (if (local.get $hasBias)
          (then
            (local.set $b0 (v128.load offset=0 (i32.add (local.get $bias) (i32.shl (local.get $o) (i32.const 3)))))
            (local.set $b1 (v128.load offset=16 (i32.add (local.get $bias) (i32.shl (local.get $o) (i32.const 3)))))
            (local.set $b2 (v128.load offset=32 (i32.add (local.get $bias) (i32.shl (local.get $o) (i32.const 3)))))
            (local.set $b3 (v128.load offset=48 (i32.add (local.get $bias) (i32.shl (local.get $o) (i32.const 3))))))
          (else
            (local.set $b0 (f64x2.splat (f64.const 0)))
            (local.set $b1 (f64x2.splat (f64.const 0)))
            (local.set $b2 (f64x2.splat (f64.const 0)))
            (local.set $b3 (f64x2.splat (f64.const 0)))))
        (local.set $r (i32.const 0))
        (block $rowsDone
          (loop $rowLoop
            (br_if $rowsDone (i32.ge_u (local.get $r) (local.get $rows)))
            (local.set $s0 (local.get $b0))
            (local.set $s1 (local.get $b1))
            (local.set $s2 (local.get $b2))
            (local.set $s3 (local.get $b3))
            (local.set $k (i32.load (i32.add (local.get $ptr) (i32.shl (local.get $r) (i32.const 2)))))
            (local.set $end (i32.load offset=4 (i32.add (local.get $ptr) (i32.shl (local.get $r) (i32.const 2)))))
            (block $termsDone
              (loop $terms
                (br_if $termsDone (i32.ge_u (local.get $k) (local.get $end)))
                (local.set $v (v128.load64_splat (i32.add (local.get $val) (i32.shl (local.get $k) (i32.const 3)))))
                (local.set $w (i32.add (local.get $col)
                  (i32.mul (i32.load (i32.add (local.get $idx) (i32.shl (local.get $k) (i32.const 2)))) (local.get $stride))))
                (local.set $s0 (f64x2.add (local.get $s0) (f64x2.mul (v128.load offset=0 (local.get $w)) (local.get $v))))
                (local.set $s1 (f64x2.add (local.get $s1) (f64x2.mul (v128.load offset=16 (local.get $w)) (local.get $v))))
                (local.set $s2 (f64x2.add (local.get $s2) (f64x2.mul (v128.load offset=32 (local.get $w)) (local.get $v))))
                (local.set $s3 (f64x2.add (local.get $s3) (f64x2.mul (v128.load offset=48 (local.get $w)) (local.get $v))))
                (local.set $k (i32.add (local.get $k) (i32.const 1)))
                (br $terms)))
            (local.set $out (i32.add (local.get $z)
              (i32.shl (i32.add (i32.mul (local.get $r) (local.get $nOut)) (local.get $o)) (i32.const 3))))
            (v128.store offset=0 (local.get $out) (local.get $s0))
            (v128.store offset=16 (local.get $out) (local.get $s1))
            (v128.store offset=32 (local.get $out) (local.get $s2))
            (v128.store offset=48 (local.get $out) (local.get $s3))
            (local.set $r (i32.add (local.get $r) (i32.const 1)))
            (br $rowLoop)))
        (local.set $o (i32.add (local.get $o) (i32.const 8)))
        (br $blocks)))
    ;; Pairs (and the odd last output).
    (block $pairsDone
      (loop $pairs
        (br_if $pairsDone (i32.ge_u (local.get $o) (local.get $nOut)))
        (local.set $col (i32.add (local.get $wt) (i32.shl (local.get $o) (i32.const 3))))
        (if (local.get $hasBias)
          (then (local.set $b0 (v128.load (i32.add (local.get $bias) (i32.shl (local.get $o) (i32.const 3))))))
          (else (local.set $b0 (f64x2.splat (f64.const 0)))))
        (local.set $r (i32.const 0))
        (block $rowsDone2
          (loop $rowLoop2
            (br_if $rowsDone2 (i32.ge_u (local.get $r) (local.get $rows)))
            (local.set $s0 (local.get $b0))
            (local.set $k (i32.load (i32.add (local.get $ptr) (i32.shl (local.get $r) (i32.const 2)))))
            (local.set $end (i32.load offset=4 (i32.add (local.get $ptr) (i32.shl (local.get $r) (i32.const 2)))))
            (block $termsDone2
              (loop $terms2
                (br_if $termsDone2 (i32.ge_u (local.get $k) (local.get $end)))
                (local.set $w (i32.add (local.get $col)
                  (i32.mul (i32.load (i32.add (local.get $idx) (i32.shl (local.get $k) (i32.const 2)))) (local.get $stride))))
                (local.set $s0 (f64x2.add (local.get $s0)
                  (f64x2.mul (v128.load (local.get $w)) (v128.load64_splat (i32.add (local.get $val) (i32.shl (local.get $k) (i32.const 3)))))))
                (local.set $k (i32.add (local.get $k) (i32.const 1)))
                (br $terms2)))
            (local.set $out (i32.add (local.get $z)
              (i32.shl (i32.add (i32.mul (local.get $r) (local.get $nOut)) (local.get $o)) (i32.const 3))))
            (f64.store (local.get $out) (f64x2.extract_lane 0 (local.get $s0)))
            (if (i32.lt_u (i32.add (local.get $o) (i32.const 1)) (local.get $nOut))
              (then (f64.store offset=8 (local.get $out) (f64x2.extract_lane 1 (local.get $s0)))))
            (local.set $r (i32.add (local.get $r) (i32.const 1)))
            (br $rowLoop2)))
        (local.set $o (i32.add (local.get $o) (i32.const 2)))
        (br $pairs))))

  ;; The input by COLUMNS (CSC) from its rows (CSR), for weight_gradient:
  ;; column j's entries are rows crow[k] with values cval[k], cptr[j] <= k < cptr[j+1], rows
  ;; ascending. `next` is scratch of cols i32. Counting, prefix sums, then one scatter pass.
  (func (export "to_columns") (param $ptr i32) (param $idx i32) (param $val i32) (param $rows i32) (param $cols i32)
      (param $cptr i32) (param $crow i32) (param $cval i32) (param $next i32)
    (local $k i32) (local $nnz i32) (local $j i32) (local $r i32) (local $end i32) (local $a i32) (local $p i32) (local $sum i32)
    (local.set $j (i32.const 0))
    (block $zeroDone
      (loop $zero
        (br_if $zeroDone (i32.gt_u (local.get $j) (local.get $cols)))
        (i32.store (i32.add (local.get $cptr) (i32.shl (local.get $j) (i32.const 2))) (i32.const 0))
        (local.set $j (i32.add (local.get $j) (i32.const 1)))
        (br $zero)))
    (local.set $nnz (i32.load (i32.add (local.get $ptr) (i32.shl (local.get $rows) (i32.const 2)))))
    (local.set $k (i32.const 0))
    (block $countDone
      (loop $count
        (br_if $countDone (i32.ge_u (local.get $k) (local.get $nnz)))
        (local.set $a (i32.add (local.get $cptr)
          (i32.shl (i32.load (i32.add (local.get $idx) (i32.shl (local.get $k) (i32.const 2)))) (i32.const 2))))
        (i32.store offset=4 (local.get $a) (i32.add (i32.load offset=4 (local.get $a)) (i32.const 1)))
        (local.set $k (i32.add (local.get $k) (i32.const 1)))
        (br $count)))
    (local.set $sum (i32.const 0))
    (local.set $j (i32.const 0))
    (block $prefixDone
      (loop $prefix
        (br_if $prefixDone (i32.ge_u (local.get $j) (local.get $cols)))
        (local.set $a (i32.shl (local.get $j) (i32.const 2)))
        (i32.store (i32.add (local.get $next) (local.get $a)) (local.get $sum))
        (local.set $sum (i32.add (local.get $sum) (i32.load offset=4 (i32.add (local.get $cptr) (local.get $a)))))
        (i32.store offset=4 (i32.add (local.get $cptr) (local.get $a)) (local.get $sum))
        (local.set $j (i32.add (local.get $j) (i32.const 1)))
        (br $prefix)))
    (local.set $r (i32.const 0))
    (local.set $k (i32.const 0))
    (block $rowsDone
      (loop $rowLoop
        (br_if $rowsDone (i32.ge_u (local.get $r) (local.get $rows)))
        (local.set $end (i32.load offset=4 (i32.add (local.get $ptr) (i32.shl (local.get $r) (i32.const 2)))))
        (block $termsDone
          (loop $terms
            (br_if $termsDone (i32.ge_u (local.get $k) (local.get $end)))
            (local.set $a (i32.add (local.get $next)
              (i32.shl (i32.load (i32.add (local.get $idx) (i32.shl (local.get $k) (i32.const 2)))) (i32.const 2))))
            (local.set $p (i32.load (local.get $a)))
            (i32.store (local.get $a) (i32.add (local.get $p) (i32.const 1)))
            (i32.store (i32.add (local.get $crow) (i32.shl (local.get $p) (i32.const 2))) (local.get $r))
            (f64.store (i32.add (local.get $cval) (i32.shl (local.get $p) (i32.const 3)))
              (f64.load (i32.add (local.get $val) (i32.shl (local.get $k) (i32.const 3)))))
            (local.set $k (i32.add (local.get $k) (i32.const 1)))
            (br $terms)))
        (local.set $r (i32.add (local.get $r) (i32.const 1)))
        (br $rowLoop))))

  ;; Weight gradient over the layer's input by COLUMNS (CSC: column j's nonzeros are rows
  ;; crow[k] with values cval[k], cptr[j] <= k < cptr[j+1], rows ascending):
  ;;   g[o * nIn + j] = sum_k delta[crow[k] * nOut + o] * cval[k], k ascending (= r ascending),
  ;; which is what the JS loop accumulates into the zeroed gradient, example after example. The
  ;; JS loop skips units whose delta is exactly 0 (inactive ReLUs); here they add +-0, which
  ;; leaves the sum unchanged (it starts at +0 and +0 + -0 = +0). Written (not added) into g.
  ;; Blocks of 8 outputs outside (their 8 deltas of every row, 4 KB for 64 rows, stay in L1),
  ;; columns inside; then pairs; an odd last output reads one lane past its row (the next row's
  ;; first delta, or the region's padding) and does not store it.
  (func (export "weight_gradient") (param $cptr i32) (param $crow i32) (param $cval i32) (param $nIn i32)
      (param $delta i32) (param $nOut i32) (param $g i32)
    (local $o i32) (local $j i32) (local $k i32) (local $end i32) (local $d i32) (local $out i32)
    (local $rowBytes i32) (local $colBytes i32)
    (local $v v128) (local $s0 v128) (local $s1 v128) (local $s2 v128) (local $s3 v128)
    (local.set $rowBytes (i32.shl (local.get $nOut) (i32.const 3)))
    (local.set $colBytes (i32.shl (local.get $nIn) (i32.const 3)))
    (local.set $o (i32.const 0))
    (block $blocksDone
      (loop $blocks
        (br_if $blocksDone (i32.gt_u (i32.add (local.get $o) (i32.const 8)) (local.get $nOut)))
        (local.set $j (i32.const 0))
        (local.set $k (i32.load (local.get $cptr)))
        (block $colsDone
          (loop $cols
            (br_if $colsDone (i32.ge_u (local.get $j) (local.get $nIn)))
            (local.set $s0 (f64x2.splat (f64.const 0)))
            (local.set $s1 (f64x2.splat (f64.const 0)))
            (local.set $s2 (f64x2.splat (f64.const 0)))
            (local.set $s3 (f64x2.splat (f64.const 0)))
            (local.set $end (i32.load offset=4 (i32.add (local.get $cptr) (i32.shl (local.get $j) (i32.const 2)))))
            (block $termsDone
              (loop $terms
                (br_if $termsDone (i32.ge_u (local.get $k) (local.get $end)))
                (local.set $v (v128.load64_splat (i32.add (local.get $cval) (i32.shl (local.get $k) (i32.const 3)))))
                (local.set $d (i32.add (i32.add (local.get $delta) (i32.shl (local.get $o) (i32.const 3)))
                  (i32.mul (i32.load (i32.add (local.get $crow) (i32.shl (local.get $k) (i32.const 2)))) (local.get $rowBytes))))
                (local.set $s0 (f64x2.add (local.get $s0) (f64x2.mul (v128.load offset=0 (local.get $d)) (local.get $v))))
                (local.set $s1 (f64x2.add (local.get $s1) (f64x2.mul (v128.load offset=16 (local.get $d)) (local.get $v))))
                (local.set $s2 (f64x2.add (local.get $s2) (f64x2.mul (v128.load offset=32 (local.get $d)) (local.get $v))))
                (local.set $s3 (f64x2.add (local.get $s3) (f64x2.mul (v128.load offset=48 (local.get $d)) (local.get $v))))
                (local.set $k (i32.add (local.get $k) (i32.const 1)))
                (br $terms)))
            ;; g[(o + i) * nIn + j] for i = 0..7: eight rows of the gradient, one entry each.
            (local.set $out (i32.add (local.get $g)
              (i32.shl (i32.add (i32.mul (local.get $o) (local.get $nIn)) (local.get $j)) (i32.const 3))))
            (f64.store (local.get $out) (f64x2.extract_lane 0 (local.get $s0)))
            (local.set $out (i32.add (local.get $out) (local.get $colBytes)))
            (f64.store (local.get $out) (f64x2.extract_lane 1 (local.get $s0)))
            (local.set $out (i32.add (local.get $out) (local.get $colBytes)))
            (f64.store (local.get $out) (f64x2.extract_lane 0 (local.get $s1)))
            (local.set $out (i32.add (local.get $out) (local.get $colBytes)))
            (f64.store (local.get $out) (f64x2.extract_lane 1 (local.get $s1)))
            (local.set $out (i32.add (local.get $out) (local.get $colBytes)))
            (f64.store (local.get $out) (f64x2.extract_lane 0 (local.get $s2)))
            (local.set $out (i32.add (local.get $out) (local.get $colBytes)))
            (f64.store (local.get $out) (f64x2.extract_lane 1 (local.get $s2)))
            (local.set $out (i32.add (local.get $out) (local.get $colBytes)))
            (f64.store (local.get $out) (f64x2.extract_lane 0 (local.get $s3)))
            (local.set $out (i32.add (local.get $out) (local.get $colBytes)))
            (f64.store (local.get $out) (f64x2.extract_lane 1 (local.get $s3)))
            (local.set $j (i32.add (local.get $j) (i32.const 1)))
            (br $cols)))
        (local.set $o (i32.add (local.get $o) (i32.const 8)))
        (br $blocks)))
    (block $pairsDone
      (loop $pairs
        (br_if $pairsDone (i32.ge_u (local.get $o) (local.get $nOut)))
        (local.set $j (i32.const 0))
        (local.set $k (i32.load (local.get $cptr)))
        (block $colsDone2
          (loop $cols2
            (br_if $colsDone2 (i32.ge_u (local.get $j) (local.get $nIn)))
            (local.set $s0 (f64x2.splat (f64.const 0)))
            (local.set $end (i32.load offset=4 (i32.add (local.get $cptr) (i32.shl (local.get $j) (i32.const 2)))))
            (block $termsDone2
              (loop $terms2
                (br_if $termsDone2 (i32.ge_u (local.get $k) (local.get $end)))
                (local.set $d (i32.add (i32.add (local.get $delta) (i32.shl (local.get $o) (i32.const 3)))
                  (i32.mul (i32.load (i32.add (local.get $crow) (i32.shl (local.get $k) (i32.const 2)))) (local.get $rowBytes))))
                (local.set $s0 (f64x2.add (local.get $s0)
                  (f64x2.mul (v128.load (local.get $d)) (v128.load64_splat (i32.add (local.get $cval) (i32.shl (local.get $k) (i32.const 3)))))))
                (local.set $k (i32.add (local.get $k) (i32.const 1)))
                (br $terms2)))
            (local.set $out (i32.add (local.get $g)
              (i32.shl (i32.add (i32.mul (local.get $o) (local.get $nIn)) (local.get $j)) (i32.const 3))))
            (f64.store (local.get $out) (f64x2.extract_lane 0 (local.get $s0)))
            (if (i32.lt_u (i32.add (local.get $o) (i32.const 1)) (local.get $nOut))
              (then (f64.store (i32.add (local.get $out) (local.get $colBytes)) (f64x2.extract_lane 1 (local.get $s0)))))
            (local.set $j (i32.add (local.get $j) (i32.const 1)))
            (br $cols2)))
        (local.set $o (i32.add (local.get $o) (i32.const 2)))
        (br $pairs))))

  ;; The input's gradient dJ/dA = Delta W (rows of A: examples):
  ;;   out[r * nIn + j] = sum_{o ascending, delta[r * nOut + o] != 0} delta[r * nOut + o] * w[o * nIn + j],
  ;; starting from +0, as mlp.ts's loop (which skips zero deltas too). Two j per f64x2; an odd
  ;; last j in a scalar f64.
  (func (export "input_gradient") (param $delta i32) (param $nOut i32) (param $w i32) (param $nIn i32)
      (param $rows i32) (param $out i32)
    (local $r i32) (local $o i32) (local $j i32) (local $gs f64) (local $g v128) (local $wr i32) (local $dst i32)
    (local $pairEnd i32)
    (local.set $pairEnd (i32.and (local.get $nIn) (i32.const -2)))
    (local.set $r (i32.const 0))
    (block $rowsDone
      (loop $rowLoop
        (br_if $rowsDone (i32.ge_u (local.get $r) (local.get $rows)))
        (local.set $dst (i32.add (local.get $out) (i32.shl (i32.mul (local.get $r) (local.get $nIn)) (i32.const 3))))
        ;; out row = +0
        (local.set $j (i32.const 0))
        (block $zeroDone
          (loop $zero
            (br_if $zeroDone (i32.ge_u (local.get $j) (local.get $nIn)))
            (f64.store (i32.add (local.get $dst) (i32.shl (local.get $j) (i32.const 3))) (f64.const 0))
            (local.set $j (i32.add (local.get $j) (i32.const 1)))
            (br $zero)))
        (local.set $o (i32.const 0))
        (block $unitsDone
          (loop $units
            (br_if $unitsDone (i32.ge_u (local.get $o) (local.get $nOut)))
            (local.set $gs (f64.load (i32.add (local.get $delta)
              (i32.shl (i32.add (i32.mul (local.get $r) (local.get $nOut)) (local.get $o)) (i32.const 3)))))
            (if (f64.ne (local.get $gs) (f64.const 0))
              (then
                (local.set $g (f64x2.splat (local.get $gs)))
                (local.set $wr (i32.add (local.get $w) (i32.shl (i32.mul (local.get $o) (local.get $nIn)) (i32.const 3))))
                (local.set $j (i32.const 0))
                (block $colsDone
                  (loop $cols
                    (br_if $colsDone (i32.ge_u (local.get $j) (local.get $pairEnd)))
                    (v128.store (i32.add (local.get $dst) (i32.shl (local.get $j) (i32.const 3)))
                      (f64x2.add (v128.load (i32.add (local.get $dst) (i32.shl (local.get $j) (i32.const 3))))
                        (f64x2.mul (local.get $g) (v128.load (i32.add (local.get $wr) (i32.shl (local.get $j) (i32.const 3)))))))
                    (local.set $j (i32.add (local.get $j) (i32.const 2)))
                    (br $cols)))
                (if (i32.lt_u (local.get $pairEnd) (local.get $nIn))
                  (then
                    (local.set $j (i32.shl (local.get $pairEnd) (i32.const 3)))
                    (f64.store (i32.add (local.get $dst) (local.get $j))
                      (f64.add (f64.load (i32.add (local.get $dst) (local.get $j)))
                        (f64.mul (local.get $gs) (f64.load (i32.add (local.get $wr) (local.get $j))))))))))
            (local.set $o (i32.add (local.get $o) (i32.const 1)))
            (br $units)))
        (local.set $r (i32.add (local.get $r) (i32.const 1)))
        (br $rowLoop))))
)
