#!/usr/bin/env bash
set -euo pipefail
export AWS_ACCESS_KEY_ID=AKIAFZGVUMKMS2XBRS6J
export AWS_SECRET_ACCESS_KEY=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
aws s3 sync ./dist s3://acme-payments-static
