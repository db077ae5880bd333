;; WebAssembly SIMD kernels of the optimizers' element-wise updates.
;;
;; Each kernel is the loop of one `step` in src/optimizers/, transcribed operation for operation
;; (same operands, same order, same association: `a * g * g` is `(a * g) * g`), two elements per
;; iteration in f64x2 lanes. scripts/wasm/expand.mjs turns each `(kernel ...)` into a float64 and
;; a float32 function and documents the macros; `npm run build:wasm` assembles the module with
;; wabt into src/kernels/optimizers-wasm.ts. Where the JS loop reads back an element it has just
;; written to a Float32Array, the kernel writes `(round x)`: the float32 value it would read.
;; Scalars that depend only on the step (bias corrections, -lr) are computed in JavaScript by the
;; optimizer's kernel plan (src/optimizers/kernel-plans.ts) with the same expressions as the loop.

;; adam.ts seedStep: eqs. (13)-(15); AdamW shrinks theta first (shrink = 1 - lr wd, else 1;
;; l2 = wd for Adam, 0 for AdamW); amsgrad keeps the running max of v.
(kernel $adam_seed
  (arrays $params $grad $m $v $vmax)
  (scalars $shrink $l2 $beta1 $oneMinusBeta1 $beta2 $oneMinusBeta2 $invBc1 $invBc2 $eta $eps)
  (flags $amsgrad)
  (locals $theta $g $mi $vi $second $old)
  (set $theta (mul (load $params) $shrink))
  (set $g (add (load $grad) (mul $l2 $theta)))
  (set $mi (add (mul $beta1 (load $m)) (mul $oneMinusBeta1 $g)))
  (set $vi (add (mul $beta2 (load $v)) (mul (mul $oneMinusBeta2 $g) $g)))
  (store $m $mi)
  (store $v $vi)
  (set $second $vi)
  (when $amsgrad
    (set $old (load $vmax))
    (set $second (pick (gt $vi $old) (round $vi) $old))
    (store $vmax $second))
  (store $params
    (sub $theta (div (mul $eta (mul $mi $invBc1)) (add (sqrt (mul $second $invBc2)) $eps)))))

;; adam.ts torchStep (_single_tensor_adam / _single_tensor_adamw).
(kernel $adam_torch
  (arrays $params $grad $m $v $vmax)
  (scalars $shrink $l2 $beta1 $oneMinusBeta1 $beta2 $oneMinusBeta2 $negStepSize $invBc2Sqrt $eps)
  (flags $decoupled $hasL2 $amsgrad)
  (locals $theta $g $mi $vi $second $old)
  (set $theta (load $params))
  (set $g (load $grad))
  (when $decoupled (set $theta (mul $theta $shrink)))
  (when $hasL2 (set $g (add $g (mul $l2 $theta))))
  (set $mi (add (mul (load $m) $beta1) (mul $oneMinusBeta1 $g)))
  (set $vi (add (mul (load $v) $beta2) (mul (mul $oneMinusBeta2 $g) $g)))
  (store $m $mi)
  (store $v $vi)
  (set $second $vi)
  (when $amsgrad
    (set $old (load $vmax))
    (set $second (pick (gt $vi $old) (round $vi) $old))
    (store $vmax $second))
  (store $params
    (add $theta (div (mul $negStepSize $mi) (add (mul (sqrt $second) $invBc2Sqrt) $eps)))))

;; amsgrad.ts seed step (Ruder: running max of v, no bias correction).
(kernel $amsgrad_seed
  (arrays $params $grad $m $v $vmax)
  (scalars $wd $beta1 $oneMinusBeta1 $beta2 $oneMinusBeta2 $eta $eps)
  (locals $theta $g $mi $vi $old $top)
  (set $theta (load $params))
  (set $g (add (load $grad) (mul $wd $theta)))
  (set $mi (round (add (mul $beta1 (load $m)) (mul $oneMinusBeta1 $g))))
  (set $vi (round (add (mul $beta2 (load $v)) (mul (mul $oneMinusBeta2 $g) $g))))
  (store $m $mi)
  (store $v $vi)
  (set $old (load $vmax))
  (set $top (pick (gt $vi $old) $vi $old))
  (store $vmax $top)
  (store $params (sub $theta (div (mul $eta $mi) (add (sqrt $top) $eps)))))

;; sgd.ts seed step without momentum: theta -= lr (g + wd theta).
(kernel $sgd_seed
  (arrays $params $grad)
  (scalars $eta $wd)
  (locals $theta)
  (set $theta (load $params))
  (store $params (sub $theta (mul $eta (add (load $grad) (mul $wd $theta))))))

;; momentum.ts, eq. (1): v = gamma v + lr g; theta -= v.
(kernel $momentum_seed
  (arrays $params $grad $v)
  (scalars $gamma $eta $wd)
  (locals $theta $g $vi)
  (set $theta (load $params))
  (set $g (add (load $grad) (mul $wd $theta)))
  (set $vi (round (add (mul $gamma (load $v)) (mul $eta $g))))
  (store $v $vi)
  (store $params (sub $theta $vi)))

;; nesterov.ts, NAG at the look-ahead point: phi -= gamma v_t + lr g.
(kernel $nesterov_seed
  (arrays $params $grad $v)
  (scalars $gamma $eta $wd)
  (locals $theta $g $vi)
  (set $theta (load $params))
  (set $g (add (load $grad) (mul $wd $theta)))
  (set $vi (round (add (mul $gamma (load $v)) (mul $eta $g))))
  (store $v $vi)
  (store $params (sub (sub $theta (mul $gamma $vi)) (mul $eta $g))))

;; torch-sgd.ts plainStep (torch.optim.SGD without momentum).
(kernel $sgd_torch
  (arrays $params $grad)
  (scalars $negLr $wd)
  (flags $hasWd)
  (locals $theta $g)
  (set $theta (load $params))
  (set $g (load $grad))
  (when $hasWd (set $g (add $g (mul $wd $theta))))
  (store $params (add $theta (mul $negLr $g))))

;; torch-sgd.ts momentumStep: b_1 = g_1, b = mu b + (1 - dampening) g; nesterov: g + mu b.
(kernel $momentum_torch
  (arrays $params $grad $b)
  (scalars $negLr $wd $mu $keep)
  (flags $hasWd $first $nesterov)
  (locals $theta $g $bi)
  (set $theta (load $params))
  (set $g (load $grad))
  (when $hasWd (set $g (add $g (mul $wd $theta))))
  (set $bi (choose $first $g (add (mul (load $b) $mu) (mul $keep $g))))
  (store $b $bi)
  (store $params (add $theta (mul $negLr (choose $nesterov (add $g (mul $mu $bi)) $bi)))))

;; rmsprop.ts seedStep, eq. (12): eps inside the root; centered and momentum variants.
(kernel $rmsprop_seed
  (arrays $params $grad $sq $gAvg $b)
  (scalars $wd $alpha $oneMinusAlpha $eta $eps $mu)
  (flags $centered $hasMomentum)
  (locals $theta $g $s $meanSq $ga $scaled $bi)
  (set $theta (load $params))
  (set $g (add (load $grad) (mul $wd $theta)))
  (set $s (add (mul $alpha (load $sq)) (mul (mul $oneMinusAlpha $g) $g)))
  (store $sq $s)
  (set $meanSq $s)
  (when $centered
    (set $ga (add (mul $alpha (load $gAvg)) (mul $oneMinusAlpha $g)))
    (store $gAvg $ga)
    (set $meanSq (max (sub $meanSq (mul $ga $ga)) (zero))))
  (set $scaled (mul (div $eta (sqrt (add $meanSq $eps))) $g))
  (if $hasMomentum
    (then
      (set $bi (add (mul $mu (load $b)) $scaled))
      (store $b $bi)
      (store $params (sub $theta $bi)))
    (else (store $params (sub $theta $scaled)))))

;; rmsprop.ts torchStep (_single_tensor_rmsprop): eps outside the root, lr outside the buffer.
(kernel $rmsprop_torch
  (arrays $params $grad $sq $gAvg $b)
  (scalars $wd $alpha $oneMinusAlpha $negLr $eps $mu)
  (flags $hasWd $centered $hasMomentum)
  (locals $theta $g $s $ga $avg $bi)
  (set $theta (load $params))
  (set $g (load $grad))
  (when $hasWd (set $g (add $g (mul $wd $theta))))
  (set $s (add (mul (load $sq) $alpha) (mul (mul $oneMinusAlpha $g) $g)))
  (store $sq $s)
  (if $centered
    (then
      (set $ga (add (mul (load $gAvg) $alpha) (mul $oneMinusAlpha $g)))
      (store $gAvg $ga)
      (set $avg (add (sqrt (max (add $s (mul (neg $ga) $ga)) (zero))) $eps)))
    (else (set $avg (add (sqrt $s) $eps))))
  (if $hasMomentum
    (then
      (set $bi (add (mul (load $b) $mu) (div $g $avg)))
      (store $b $bi)
      (store $params (add $theta (mul $negLr $bi))))
    (else (store $params (add $theta (div (mul $negLr $g) $avg))))))

;; adagrad.ts seedStep: G += g^2; theta -= lr / sqrt(G + eps) g.
(kernel $adagrad_seed
  (arrays $params $grad $sum)
  (scalars $wd $eta $eps)
  (locals $theta $g $si)
  (set $theta (load $params))
  (set $g (add (load $grad) (mul $wd $theta)))
  (set $si (round (add (load $sum) (mul $g $g))))
  (store $sum $si)
  (store $params (sub $theta (mul (div $eta (sqrt (add $si $eps))) $g))))

;; adagrad.ts torchStep: clr = lr / (1 + (t-1) lrDecay); theta -= clr g / (sqrt(S) + eps).
(kernel $adagrad_torch
  (arrays $params $grad $sum)
  (scalars $wd $negClr $eps)
  (flags $hasWd)
  (locals $theta $g $si)
  (set $theta (load $params))
  (set $g (load $grad))
  (when $hasWd (set $g (add $g (mul $wd $theta))))
  (set $si (round (add (load $sum) (mul $g $g))))
  (store $sum $si)
  (store $params (add $theta (div (mul $negClr $g) (add (sqrt $si) $eps)))))

;; adadelta.ts seedStep (Zeiler, no learning rate).
(kernel $adadelta_seed
  (arrays $params $grad $sq $delta)
  (scalars $wd $rho $oneMinusRho $eps)
  (locals $theta $g $si $acc $d)
  (set $theta (load $params))
  (set $g (add (load $grad) (mul $wd $theta)))
  (set $si (round (add (mul $rho (load $sq)) (mul (mul $oneMinusRho $g) $g))))
  (store $sq $si)
  (set $acc (load $delta))
  (set $d (mul (neg (div (sqrt (add $acc $eps)) (sqrt (add $si $eps)))) $g))
  (store $delta (add (mul $rho $acc) (mul (mul $oneMinusRho $d) $d)))
  (store $params (add $theta $d)))

;; adadelta.ts torchStep: the same recursion, theta += lr delta.
(kernel $adadelta_torch
  (arrays $params $grad $sq $delta)
  (scalars $wd $rho $oneMinusRho $eps $negLr)
  (flags $hasWd)
  (locals $theta $g $si $acc $d)
  (set $theta (load $params))
  (set $g (load $grad))
  (when $hasWd (set $g (add $g (mul $wd $theta))))
  (set $si (round (add (mul (load $sq) $rho) (mul (mul $oneMinusRho $g) $g))))
  (store $sq $si)
  (set $acc (load $delta))
  (set $d (mul (div (sqrt (add $acc $eps)) (sqrt (add $si $eps))) $g))
  (store $delta (add (mul $acc $rho) (mul (mul $oneMinusRho $d) $d)))
  (store $params (add $theta (mul $negLr $d))))

;; adamax.ts seedStep: u = max(beta2 u, |g|); u = 0 (every gradient 0 so far) is a zero step.
(kernel $adamax_seed
  (arrays $params $grad $m $u)
  (scalars $wd $beta1 $oneMinusBeta1 $beta2 $eta $bc1)
  (locals $theta $g $mi $ui)
  (set $theta (load $params))
  (set $g (add (load $grad) (mul $wd $theta)))
  (set $mi (round (add (mul $beta1 (load $m)) (mul $oneMinusBeta1 $g))))
  (set $ui (round (max (mul $beta2 (load $u)) (abs $g))))
  (store $m $mi)
  (store $u $ui)
  (store $params (pick (eq $ui (zero)) $theta (sub $theta (div (mul $eta (div $mi $bc1)) $ui)))))

;; adamax.ts torchStep: u = max(u beta2, |g| + eps); theta += (-lr / bc1) m / u.
(kernel $adamax_torch
  (arrays $params $grad $m $u)
  (scalars $wd $beta1 $oneMinusBeta1 $beta2 $eps $negClr)
  (flags $hasWd)
  (locals $theta $g $mi $ui)
  (set $theta (load $params))
  (set $g (load $grad))
  (when $hasWd (set $g (add $g (mul $wd $theta))))
  (set $mi (round (add (mul (load $m) $beta1) (mul $oneMinusBeta1 $g))))
  (set $ui (round (max (mul (load $u) $beta2) (add (abs $g) $eps))))
  (store $m $mi)
  (store $u $ui)
  (store $params (pick (eq $ui (zero)) $theta (add $theta (div (mul $negClr $mi) $ui)))))

;; nadam.ts seedStep (Ruder/Dozat, constant beta1).
(kernel $nadam_seed
  (arrays $params $grad $m $v)
  (scalars $wd $beta1 $oneMinusBeta1 $beta2 $oneMinusBeta2 $bc1 $bc2 $eta $eps)
  (locals $theta $g $mi $vi $denom)
  (set $theta (load $params))
  (set $g (add (load $grad) (mul $wd $theta)))
  (set $mi (round (add (mul $beta1 (load $m)) (mul $oneMinusBeta1 $g))))
  (set $vi (round (add (mul $beta2 (load $v)) (mul (mul $oneMinusBeta2 $g) $g))))
  (store $m $mi)
  (store $v $vi)
  ;; each term divided by denom first, as the JS loop does (finite for |g| near 1e308)
  (set $denom (add (sqrt (div $vi $bc2)) $eps))
  (store $params (sub $theta (mul $eta (div (add (mul $beta1 (div $mi $denom)) (mul $oneMinusBeta1 (div $g $denom))) $bc1)))))

;; nadam.ts torchStep (torch 2.x _single_tensor_nadam).
(kernel $nadam_torch
  (arrays $params $grad $m $v)
  (scalars $wd $beta1 $oneMinusBeta1 $beta2 $oneMinusBeta2 $bc2 $eps $negGradStep $negMomentStep)
  (flags $hasWd)
  (locals $theta $g $mi $vi $denom)
  (set $theta (load $params))
  (set $g (load $grad))
  (when $hasWd (set $g (add $g (mul $wd $theta))))
  (set $mi (round (add (mul (load $m) $beta1) (mul $oneMinusBeta1 $g))))
  (set $vi (round (add (mul (load $v) $beta2) (mul (mul $oneMinusBeta2 $g) $g))))
  (store $m $mi)
  (store $v $vi)
  (set $denom (add (sqrt (div $vi $bc2)) $eps))
  (store $params
    (add (add $theta (div (mul $negGradStep $g) $denom)) (div (mul $negMomentStep $mi) $denom))))
