# Sourced (". deploy/s3/test-env.sh") before the test suite: points tests/test_media_storage.py at
# the S3 server that deploy/s3/run.sh starts (same port and keys). Only the S3_TEST_* variables are
# exported: the rest of the suite keeps its files in a temporary MEDIA_ROOT, and the media tests
# create their bucket and delete what they wrote.
export S3_TEST_ENDPOINT_URL="${S3_TEST_ENDPOINT_URL:-http://127.0.0.1:${S3_PORT:-8333}}"
export S3_TEST_ACCESS_KEY_ID="${S3_TEST_ACCESS_KEY_ID:-${AWS_ACCESS_KEY_ID:-egf-local}}"
export S3_TEST_SECRET_ACCESS_KEY="${S3_TEST_SECRET_ACCESS_KEY:-${AWS_SECRET_ACCESS_KEY:-egf-local-secret}}"
export S3_TEST_BUCKET="${S3_TEST_BUCKET:-egf-test-media}"
