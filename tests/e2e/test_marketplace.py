"""End to end: AWS Marketplace images need a subscription, made through /_localec2/marketplace/subscriptions:
OptInRequired with AWS's wording until then, per account, kept across a restart and forgotten by reset; the
endpoint's malformed-input answers."""
import json
import unittest

from harness import ServerTestCase, error_of

PATH = "/_localec2/marketplace/subscriptions"
FIREWALL_CODE = "29326ml64lg2tjf8cz2ka7edc"
OPT_IN = ("In order to use this AWS Marketplace product you need to accept terms and subscribe. To do so please "
          f"visit https://aws.amazon.com/marketplace/pp?sku={FIREWALL_CODE}")


class Marketplace(ServerTestCase):
    reset_between_tests = True

    def request(self, method, path=PATH, body=None):
        data = json.dumps(body).encode() if isinstance(body, dict) else (body or b"")
        status, text = self.server.raw(data, method=method, path=path, headers={"Content-Type": "application/json"})
        return status, json.loads(text) if text else None

    def firewall(self, ec2):
        images = ec2.describe_images(Owners=["aws-marketplace"], Filters=[
            {"Name": "product-code", "Values": [FIREWALL_CODE]}, {"Name": "architecture", "Values": ["x86_64"]}])
        self.assertEqual(len(images["Images"]), 1)
        return images["Images"][0]["ImageId"]

    def launch(self, ec2):
        return ec2.run_instances(ImageId=self.firewall(ec2), InstanceType="t3.micro", MinCount=1, MaxCount=1)

    def test_a_marketplace_image_launches_once_the_account_subscribed(self):
        ec2 = self.server.client()
        try:
            self.launch(ec2)
            self.fail("launched without a subscription")
        except ec2.exceptions.ClientError as e:
            self.assertEqual(e.response["ResponseMetadata"]["HTTPStatusCode"], 401)
            self.assertEqual((e.response["Error"]["Code"], e.response["Error"]["Message"]), ("OptInRequired", OPT_IN))
        status, answer = self.request("POST", body={"ProductCode": FIREWALL_CODE})
        self.assertEqual(status, 200)
        self.assertEqual((answer["ProductCode"], answer["AccountId"]), (FIREWALL_CODE, "000000000000"))
        self.assertEqual(self.launch(ec2)["Instances"][0]["State"]["Name"], "pending")
        self.launch(self.server.client(region="ap-southeast-2"))  # account-wide
        other = self.server.client(access_key="222222222222")
        self.assertEqual(error_of(self.launch, other)[0], "OptInRequired")
        status, listed = self.request("GET")
        self.assertEqual((status, [s["ProductCode"] for s in listed["Subscriptions"]]), (200, [FIREWALL_CODE]))
        status, listed = self.request("GET", path=PATH + "?account=222222222222")
        self.assertEqual((status, listed), (200, {"Subscriptions": []}))

        # Kept across a restart; forgotten by a reset.
        self.server.restart()
        ec2 = self.server.client()
        self.launch(ec2)
        self.server.reset(account="000000000000")
        self.assertEqual(error_of(self.launch, ec2)[0], "OptInRequired")
        self.assertEqual(self.request("POST", body={"ProductCode": FIREWALL_CODE})[0], 200)
        status, answer = self.request("DELETE", path=f"{PATH}/{FIREWALL_CODE}")
        self.assertEqual((status, answer), (200, {"Unsubscribed": FIREWALL_CODE}))
        self.assertEqual(error_of(self.launch, ec2)[0], "OptInRequired")

    def test_the_endpoint_refuses_malformed_input_with_a_json_error(self):
        for body in (b"not json", b"[1]", {"ProductCode": 7}, {}, {"ProductCode": FIREWALL_CODE, "Extra": True}):
            status, answer = self.request("POST", body=body)
            self.assertEqual(status, 400, body)
            self.assertIn("error", answer)
        status, answer = self.request("POST", body={"ProductCode": "nosuchproduct"})
        self.assertEqual((status, answer), (404, {"error": "No AWS Marketplace image carries the product code "
                                                           "'nosuchproduct'."}))
        status, answer = self.request("DELETE", path=f"{PATH}/{FIREWALL_CODE}")
        self.assertEqual(status, 404)
        self.assertEqual(answer["error"], f"The account is not subscribed to the AWS Marketplace product '{FIREWALL_CODE}'.")
        for method, path in (("PUT", PATH), ("DELETE", PATH), ("GET", f"{PATH}/{FIREWALL_CODE}"),
                             ("POST", f"{PATH}/{FIREWALL_CODE}")):
            status, answer = self.request(method, path=path)
            self.assertEqual(status, 405, f"{method} {path}")
            self.assertIn("error", answer)
        self.assertEqual(self.request("GET", path=PATH + "?account=abc")[0], 400)
        self.assertEqual(self.request("GET", path=f"{PATH}/x/y")[0], 404)
        self.assertServerStillAnswers()


if __name__ == "__main__":
    unittest.main()
