"""The web console in a real browser: a learner walks the AMI guide by clicking, and every step is checked
against the state boto3 sees (console_browser.py drives Chromium)."""
import base64
import json
import os
import re
import tempfile
import unittest

from console_browser import QUICK_START, By, ConsoleTestCase, Select, literal, read_text


class ConsoleGuideTest(ConsoleTestCase):
    def test_the_ami_guide_walked_in_the_browser(self):
        driver = self.driver
        # Launch from a Quick Start AMI with a new key pair: the .pem downloads.
        self.open("launch")
        self.type_into("Name", "guide-web")
        self.click("Add new tag")
        self.type_into("Tag 1 key", "team")
        self.type_into("Tag 1 value", "lab")
        self.find(f"//label[contains(normalize-space(), {literal(QUICK_START + ' (')})]/input").click()
        self.click("Create new key pair")
        scope = self.in_dialog("Create key pair")
        self.type_into("Key pair name", "guide-key", scope)
        self.click("Create key pair", scope)
        pem = self.wait(lambda: os.path.exists(os.path.join(self.downloads, "guide-key.pem")) and
                        os.path.join(self.downloads, "guide-key.pem"), 20, "guide-key.pem in the download folder")
        self.wait(lambda: read_text(pem).startswith("-----BEGIN"), 5, "the .pem's contents")
        self.assertEqual("guide-key", Select(self.labelled("Key pair name")).first_selected_option.get_attribute("value"))
        self.screenshot("launch-instances")
        self.click("Launch instance")
        banner = self.flash_text("Successfully initiated launch of instance")
        instance_id = re.search(r"i-[0-9a-f]+", banner).group(0)
        described = self.ec2.describe_instances(InstanceIds=[instance_id])["Reservations"][0]["Instances"][0]
        self.assertEqual("guide-key", described["KeyName"])
        self.assertEqual([{"Key": "Name", "Value": "guide-web"}, {"Key": "team", "Value": "lab"}],
                         sorted(described["Tags"], key=lambda t: t["Key"]))
        image = self.ec2.describe_images(ImageIds=[described["ImageId"]])["Images"][0]
        self.assertEqual(QUICK_START, image["Name"])
        self.row_has(instance_id, "running")
        self.screenshot("instances")

        # Editing user data while running: AWS's message, and Save cannot be pressed.
        self.select_row(instance_id)
        self.menu("Actions", "Edit user data")
        self.dialog("Edit user data")
        scope = self.in_dialog("Edit user data")
        self.find(f"{scope}*[contains(., 'the instance must be in the stopped state')]")
        self.assertFalse(self.button("Save", scope).is_enabled())
        self.click("Cancel", scope)
        self.menu("Actions", "Change instance type")
        scope = self.in_dialog("Change instance type")
        self.find(f"{scope}*[contains(., 'the instance must be in the stopped state')]")
        self.assertFalse(self.button("Apply", scope).is_enabled())
        self.click("Cancel", scope)

        # Stop (with confirmation), edit user data, start.
        self.menu("Instance state", "Stop instance")
        self.click("Stop", self.in_dialog("Stop instance?"))
        self.row_has(instance_id, "stopped")
        self.select_row(instance_id)
        self.menu("Actions", "Edit user data")
        scope = self.in_dialog("Edit user data")
        self.type_into("New user data", "#!/bin/bash\necho guide", scope)
        self.screenshot("edit-user-data")
        self.click("Save", scope)
        self.flash_text("Successfully edited user data")
        user_data = self.ec2.describe_instance_attribute(InstanceId=instance_id, Attribute="userData")["UserData"]["Value"]
        self.assertEqual("#!/bin/bash\necho guide", base64.b64decode(user_data).decode())
        self.select_row(instance_id)
        self.menu("Actions", "Change instance type")
        scope = self.in_dialog("Change instance type")
        Select(self.labelled("New instance type", scope)).select_by_value("t3.small")
        self.click("Apply", scope)
        self.flash_text("to t3.small")
        self.assertEqual("t3.small", self.ec2.describe_instances(InstanceIds=[instance_id])["Reservations"][0]["Instances"][0]["InstanceType"])
        self.select_row(instance_id)
        self.menu("Instance state", "Start instance")
        self.row_has(instance_id, "running")

        # Create image with a bigger root volume, and wait for it.
        self.select_row(instance_id)
        self.menu("Actions", "Create image")
        scope = self.in_dialog("Create image")
        self.type_into("Image name", "guide-image", scope)
        root = described["RootDeviceName"]
        self.type_into(f"Size (GiB) of {root}", "20", scope)
        self.click("Add new tag", scope)
        self.type_into("Tag 1 key", "stage", scope)
        self.type_into("Tag 1 value", "golden", scope)
        self.screenshot("create-image")
        self.click("Create image", scope)
        image_id = re.search(r"ami-[0-9a-f]+", self.flash_text("Currently creating")).group(0)
        created = self.ec2.describe_images(ImageIds=[image_id])["Images"][0]
        root_mapping = next(m for m in created["BlockDeviceMappings"] if m["DeviceName"] == root)
        self.assertEqual(20, root_mapping["Ebs"]["VolumeSize"])
        self.assertEqual([{"Key": "stage", "Value": "golden"}], created["Tags"])
        original_snapshots = sorted(m["Ebs"]["SnapshotId"] for m in created["BlockDeviceMappings"] if "Ebs" in m)
        self.open("amis")
        self.row_has(image_id, "available", timeout=60)
        self.screenshot("amis")
        self.type_into("Find AMI by name, ID or description", "no-such-image\n")
        self.find("//table[@aria-label='AMIs']//td[normalize-space()='No AMIs found']")
        self.type_into("Find AMI by name, ID or description", "guide-im\n")
        self.row(image_id)

        # Copy it to another region, encrypted.
        self.select_row(image_id)
        self.menu("Actions", "Copy AMI")
        scope = self.in_dialog("Copy AMI")
        Select(self.labelled("Destination Region", scope)).select_by_value("us-west-2")
        self.labelled("Encrypt EBS snapshots of AMI copy", scope).click()
        self.screenshot("copy-ami")
        self.click("Copy AMI", scope)
        copy_id = re.search(r"ami-[0-9a-f]+ in us-west-2", self.flash_text("Successfully started copying")).group(0).split()[0]
        copy = self.ec2_west.describe_images(ImageIds=[copy_id])["Images"][0]
        self.assertTrue(all(m["Ebs"]["Encrypted"] for m in copy["BlockDeviceMappings"] if "Ebs" in m))

        # Switch region: the copy appears there.
        self.switch_region("us-west-2")
        self.row_has(copy_id, "available", timeout=60)
        self.assertEqual("us-west-2", Select(self.labelled("Region")).first_selected_option.get_attribute("value"))

        # Launch from it: the launch form has no key pair and no security group chosen.
        self.select_row(copy_id)
        self.click("Launch instance from AMI")
        self.find(f"//*[contains(normalize-space(), {literal('AMI ID: ' + copy_id)})]")
        self.assertEqual("", Select(self.labelled("Key pair name")).first_selected_option.get_attribute("value"))
        self.assertEqual([], Select(self.labelled("Common security groups")).all_selected_options)
        self.screenshot("launch-from-ami")
        self.click("Launch instance")
        self.find("//*[@role='alert'][contains(., 'Key pair name is required')]")
        Select(self.labelled("Key pair name")).select_by_visible_text("Proceed without a key pair (Not recommended)")
        self.labelled("Select existing security group").click()
        self.click("Launch instance")
        self.find("//*[@role='alert'][contains(., 'Select at least one security group')]")
        groups = Select(self.labelled("Common security groups"))
        groups.select_by_visible_text(next(o.text for o in groups.options if o.text.startswith("default (")))
        self.click("Launch instance")
        west_id = re.search(r"i-[0-9a-f]+", self.flash_text("Successfully initiated launch of instance")).group(0)
        west = self.ec2_west.describe_instances(InstanceIds=[west_id])["Reservations"][0]["Instances"][0]
        self.assertEqual(copy_id, west["ImageId"])
        self.assertNotIn("KeyName", west)
        self.assertEqual(["default"], [g["GroupName"] for g in west["SecurityGroups"]])

        # Deregister the original: its snapshots are listed as left behind, and stay.
        self.switch_region("us-east-1")
        self.open("amis")
        self.select_row(image_id)
        self.menu("Actions", "Deregister AMI")
        scope = self.in_dialog("Deregister AMI?")
        listed = sorted(e.text for e in self.driver.find_elements(By.XPATH, f"{scope}ul[@aria-label='Snapshots left behind']/li/a"))
        self.assertEqual(original_snapshots, listed)
        self.screenshot("deregister-ami")
        self.click("Deregister AMI", scope)
        self.flash_text("Successfully deregistered")
        self.assertEqual([], self.ec2.describe_images(ImageIds=[image_id])["Images"])
        self.open("snapshots")
        for snapshot_id in original_snapshots:
            self.row(snapshot_id)
        self.screenshot("snapshots")
        self.open("volumes")
        self.row(described["BlockDeviceMappings"][0]["Ebs"]["VolumeId"])
        self.screenshot("volumes")
        group = described["SecurityGroups"][0]
        self.open(f"security-groups?id={group['GroupId']}")
        self.find("//table[@aria-label='Inbound rules']//tr[td[normalize-space()='0.0.0.0/0'] and td[normalize-space()='22']]")
        self.screenshot("security-group-rules")
        self.assertNoBrowserErrors()

    def test_an_api_error_is_shown_with_its_code_in_aws_words(self):
        self.ec2.create_key_pair(KeyName="taken")
        self.open("key-pairs")
        self.row("taken")
        self.find("//*[contains(., 'The private key is offered once')]")
        self.screenshot("key-pairs")
        self.click("Create key pair")
        scope = self.in_dialog("Create key pair")
        self.type_into("Key pair name", "taken", scope)
        self.click("Create key pair", scope)
        self.find(f"{scope}*[@role='alert'][contains(., \"InvalidKeyPair.Duplicate: The keypair 'taken' already exists.\")]")

    def test_a_protected_ami_refuses_deregistration_in_aws_words(self):
        ec2 = self.server.client(region="ca-central-1")
        image_id = ec2.describe_images(Filters=[{"Name": "name", "Values": [QUICK_START]}])["Images"][0]["ImageId"]
        instance_id = ec2.run_instances(ImageId=image_id, MinCount=1, MaxCount=1)["Instances"][0]["InstanceId"]
        ec2.get_waiter("instance_running").wait(InstanceIds=[instance_id], WaiterConfig={"Delay": 1})
        own_id = ec2.create_image(InstanceId=instance_id, Name="protected", NoReboot=True)["ImageId"]
        self.open("amis")
        self.switch_region("ca-central-1")
        try:
            self.row_has(own_id, "available", timeout=60)
            self.select_row(own_id)
            self.menu("Actions", "Manage AMI deregistration protection")
            scope = self.in_dialog("Manage AMI deregistration protection")
            self.labelled("Enable deregistration protection", scope).click()
            self.click("Save", scope)
            self.flash_text("Successfully saved the deregistration protection")
            self.assertEqual("enabled-without-cooldown", ec2.describe_images(ImageIds=[own_id])["Images"][0]["DeregistrationProtection"])
            self.row_has(own_id, "enabled-without-cooldown")
            self.select_row(own_id)
            self.menu("Actions", "Deregister AMI")
            scope = self.in_dialog("Deregister AMI?")
            self.click("Deregister AMI", scope)
            self.find(f"{scope}*[@role='alert'][contains(., {literal(f'OperationNotPermitted: The image {own_id} has deregistration protection enabled')})]")
            self.assertEqual(1, len(ec2.describe_images(ImageIds=[own_id])["Images"]))
        finally:
            self.switch_region("us-east-1")

    def test_the_launch_form_warns_about_community_amis_and_paid_marketplace_amis(self):
        self.open("launch")
        self.click("Community AMIs")
        self.find("//*[@role='tabpanel']//label/input").click()
        self.find("//*[contains(text(), 'Verify the source of this AMI before you use it.')]")
        self.click("AWS Marketplace AMIs")
        paid = [i for i in self.ec2.describe_images(Owners=["aws-marketplace"])["Images"]
                if i.get("ProductCodes") and i["Architecture"] == "x86_64"]
        self.assertTrue(paid)
        self.find(f"//*[@role='tabpanel']//label[contains(., {literal(paid[0]['ImageId'])})]/input").click()
        self.find("//*[starts-with(text(), 'Subscribe on instance launch')]")
        self.screenshot("launch-marketplace")
        self.assertEqual("true", self.button("AWS Marketplace AMIs").get_attribute("aria-selected"))
        Select(self.labelled("Key pair name")).select_by_visible_text("Proceed without a key pair (Not recommended)")
        self.click("Launch instance")
        launched = re.search(r"i-[0-9a-f]+", self.flash_text("Successfully initiated launch of instance")).group(0)
        instance = self.ec2.describe_instances(InstanceIds=[launched])["Reservations"][0]["Instances"][0]
        self.assertEqual(paid[0]["ImageId"], instance["ImageId"])
        status, body = self.server.raw(method="GET", path="/_localec2/marketplace/subscriptions")
        self.assertEqual(200, status)
        subscribed = [sub["ProductCode"] for sub in json.loads(body)["Subscriptions"]]
        self.assertIn(paid[0]["ProductCodes"][0]["ProductCodeId"], subscribed)

    def test_every_page_opens_with_its_heading(self):
        for page, heading in (("volumes", "Volumes"), ("snapshots", "Snapshots"), ("security-groups", "Security Groups"),
                              ("key-pairs", "Key pairs"), ("instances", "Instances"), ("amis", "Amazon Machine Images")):
            self.open(page)
            self.find(f"//main//h1[starts-with(normalize-space(), {literal(heading)})]")
            self.screenshot(f"page-{page}")
        self.assertNoBrowserErrors()

    def test_a_long_list_is_paginated_fifty_rows_a_page(self):
        ec2 = self.server.client(region="eu-central-1")
        image_id = ec2.describe_images(Filters=[{"Name": "name", "Values": [QUICK_START]}])["Images"][0]["ImageId"]
        ec2.run_instances(ImageId=image_id, MinCount=120, MaxCount=120)
        self.open("instances")
        self.switch_region("eu-central-1")
        self.find("//main//h1[normalize-space()='Instances (120)']")
        self.find("//*[@role='navigation'][@aria-label='Instances pages']//span[normalize-space()='Page 1 of 3 (120 instances)']")
        self.assertEqual(50, len(self.driver.find_elements(By.XPATH, "//table[@aria-label='Instances']/tbody/tr")))
        self.click("Next page")
        self.click("Next page")
        self.find("//span[normalize-space()='Page 3 of 3 (120 instances)']")
        self.assertEqual(20, len(self.driver.find_elements(By.XPATH, "//table[@aria-label='Instances']/tbody/tr")))
        self.assertFalse(self.button("Next page").is_enabled())
        self.switch_region("us-east-1")

    def test_a_narrow_window_keeps_every_control_reachable(self):
        self.driver.set_window_size(600, 900)
        try:
            self.open("instances")
            for text in ("Launch instances", "Instance state ▾", "Actions ▾"):
                self.assertTrue(self.button(text).is_displayed())
            self.find("//nav//a[normalize-space()='AMIs']")
            self.screenshot("narrow-instances")
        finally:
            self.driver.set_window_size(1280, 800)

    def test_menus_work_from_the_keyboard(self):
        from selenium.webdriver.common.keys import Keys
        self.open("amis")
        actions = self.button("Actions ▾")
        actions.send_keys(Keys.ENTER)
        self.wait(lambda: self.driver.switch_to.active_element.text == "Copy AMI", 5, "focus on Copy AMI")
        self.driver.switch_to.active_element.send_keys(Keys.ARROW_DOWN)
        self.assertEqual("Edit AMI permissions", self.driver.switch_to.active_element.text)
        self.driver.switch_to.active_element.send_keys(Keys.ESCAPE)
        self.assertEqual("false", actions.get_attribute("aria-expanded"))
        self.assertEqual("Actions ▾", self.driver.switch_to.active_element.text)

    def test_a_browser_asking_for_the_root_is_sent_to_the_console(self):
        self.driver.get(self.server.endpoint + "/")
        self.wait(lambda: "/_localec2/console/" in self.driver.current_url, 10, "the redirect")
        self.find("//main//h1")


class ConsoleStrictTest(ConsoleTestCase):
    """--auth strict: the console asks for access keys and acts as their account."""
    keys = [{"AccessKeyId": "AKIAALICE0000000001", "SecretAccessKey": "alice-secret", "AccountId": "111111111111"}]

    @classmethod
    def setUpClass(cls):
        cls.credentials = tempfile.NamedTemporaryFile("w", suffix=".json", delete=False)
        json.dump(cls.keys, cls.credentials)
        cls.credentials.close()
        cls.server_args = ("--auth", "strict", "--credentials", cls.credentials.name)
        super().setUpClass()

    @classmethod
    def tearDownClass(cls):
        super().tearDownClass()
        os.unlink(cls.credentials.name)

    def test_the_console_signs_in_with_access_keys(self):
        self.server.client(access_key="AKIAALICE0000000001", secret_key="alice-secret").create_key_pair(KeyName="alices")
        self.driver.get("about:blank")
        self.driver.get(f"{self.server.endpoint}/_localec2/console/#/key-pairs")
        scope = self.in_dialog("Sign in with access keys")
        self.type_into("Access key ID", "AKIAALICE0000000001", scope)
        self.type_into("Secret access key", "wrong", scope)
        self.click("Sign in", scope)
        self.find(f"{scope}*[@role='alert'][contains(., 'AuthFailure: AWS was not able to validate the provided access credentials')]")
        self.type_into("Secret access key", "alice-secret", scope)
        self.screenshot("sign-in")
        self.click("Sign in", scope)
        self.row("alices")


if __name__ == "__main__":
    unittest.main()
