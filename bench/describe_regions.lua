-- wrk script: DescribeRegions as a form POST, with an EC2 credential scope (moto routes on it; neither
-- server verifies the signature).
wrk.method = "POST"
wrk.body = "Action=DescribeRegions&Version=2016-11-15"
wrk.headers["Content-Type"] = "application/x-www-form-urlencoded"
wrk.headers["Authorization"] =
  "AWS4-HMAC-SHA256 Credential=test/20260101/us-east-1/ec2/aws4_request, SignedHeaders=host, Signature=0"
