#!/usr/bin/env bash
# Trains the zoo's default models with their models.yaml presets, then scores each on its
# task's evaluation split in fp32, bf16 and int8. Prints one TSV line per model × precision:
# model, train seconds, final train loss, precision, accuracy, evaluation seconds.
# Usage: scripts/train-zoo.sh [BUILD_DIR] [MODEL ...]
set -euo pipefail
build=${1:-build/release}
shift || true
bin="$build/bin/anytime-planner"
models=("$@")
if [ ${#models[@]} -eq 0 ]; then
  models=(fmnist-resnet18-w0.25 fmnist-resnet18-w0.5 fmnist-mobilenetv2-w0.5
          resnet18-w0.5 resnet18 mobilenetv2-w0.5 mobilenetv2
          minilm-small distilbert-small minilm distilbert)
fi
printf 'model\ttrain_s\ttrain_loss\tprecision\taccuracy\teval_s\n'
for m in "${models[@]}"; do
  case "$m" in
    fmnist-*) dataset=fashion-mnist; sp=test ;;
    minilm*|distilbert*) dataset=sst2; sp=dev ;;
    *) dataset=cifar10; sp=test ;;
  esac
  log=$(mktemp)
  "$bin" --batch train --model "$m" 2>"$log" >/dev/null
  train_s=$(sed -n 's/.*trained in \([0-9.]*\) s.*/\1/p' "$log")
  loss=$(sed -n 's/.*epoch [0-9]*: loss \([0-9.]*\),.*/\1/p' "$log" | tail -1)
  for p in fp32 bf16 int8; do
    if acc=$("$bin" --batch evaluate --model "$m" --dataset "$dataset" --split "$sp" --precision "$p" 2>"$log"); then
      eval_s=$(sed -n 's/.*correct in \([0-9.]*\) s.*/\1/p' "$log")
      printf '%s\t%s\t%s\t%s\t%s\t%s\n' "$m" "$train_s" "$loss" "$p" "${acc#accuracy: }" "$eval_s"
    else
      printf '%s\t%s\t%s\t%s\t%s\t-\n' "$m" "$train_s" "$loss" "$p" "$(tail -1 "$log")"
    fi
  done
  rm -f "$log"
done
