"""Drives the web console in a real browser for test_console: Debian's chromium through chromium-driver and
Selenium, one server and one headless Chromium per test class, and the ways a person finds things: visible
text, labels and ARIA roles, never CSS classes. Screenshots go to LOCALEC2_ARTIFACTS (default:
build/console-screenshots)."""
import os
import re
import shutil
import sys
import tempfile
import time
import unittest

from harness import LocalEc2

try:
    import selenium  # noqa: F401
except ImportError:
    # Debian's python3-selenium lives in the system dist-packages, which a pyenv or venv python3 does not
    # search; it is pure Python, so the same minor version can load it from there.
    sys.path.append("/usr/lib/python3/dist-packages")
try:
    from selenium import webdriver
    from selenium.common.exceptions import StaleElementReferenceException, WebDriverException
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import Select
except ImportError as error:
    webdriver = None
    IMPORT_ERROR = str(error)

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
CHROMEDRIVER = shutil.which("chromedriver") or "/usr/bin/chromedriver"
ARTIFACTS = os.environ.get("LOCALEC2_ARTIFACTS",
                           os.path.join(os.path.dirname(os.path.abspath(__file__)), "../../build/console-screenshots"))
QUICK_START = "al2023-ami-2023.9.20251117.1-kernel-6.1-x86_64"


def browser_missing():
    if webdriver is None:
        return f"selenium is not importable ({IMPORT_ERROR}): run scripts/install-deps.sh"
    if not (os.path.exists(CHROMIUM) and os.path.exists(CHROMEDRIVER)):
        return "chromium and chromium-driver are not installed: run scripts/install-deps.sh"
    return None


def read_text(path):
    with open(path) as f:
        return f.read()


def literal(text):
    """An XPath string literal for `text`."""
    return f"'{text}'" if "'" not in text else f'"{text}"'


@unittest.skipIf(browser_missing(), browser_missing() or "")
class ConsoleTestCase(unittest.TestCase):
    """One server (instances move through pending/stopping in 1 s) and one headless Chromium per class."""

    server_args = ("--transition-delay", "1")

    @classmethod
    def setUpClass(cls):
        cls.server = LocalEc2(*cls.server_args)
        cls.server.start()
        cls.downloads = tempfile.mkdtemp(prefix="localec2-console-downloads-")
        os.makedirs(ARTIFACTS, exist_ok=True)
        print(f"\nconsole screenshots: {os.path.abspath(ARTIFACTS)}", file=sys.stderr)
        options = webdriver.ChromeOptions()
        options.binary_location = CHROMIUM
        for arg in ("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--window-size=1280,800",
                    "--disable-gpu", f"--user-data-dir={tempfile.mkdtemp(prefix='localec2-chromium-')}"):
            options.add_argument(arg)
        options.add_experimental_option("prefs", {"download.default_directory": cls.downloads,
                                                  "download.prompt_for_download": False})
        options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
        try:
            cls.driver = webdriver.Chrome(service=webdriver.ChromeService(executable_path=CHROMEDRIVER), options=options)
        except (WebDriverException, AttributeError):
            from selenium.webdriver.chrome.service import Service
            cls.driver = webdriver.Chrome(service=Service(executable_path=CHROMEDRIVER), options=options)
        cls.driver.execute_cdp_cmd("Page.setDownloadBehavior", {"behavior": "allow", "downloadPath": cls.downloads})
        cls.ec2 = cls.server.client()
        cls.ec2_west = cls.server.client(region="us-west-2")

    @classmethod
    def tearDownClass(cls):
        cls.driver.quit()
        cls.server.stop()
        shutil.rmtree(cls.downloads, ignore_errors=True)

    # --- finding things as a person does ---
    def wait(self, predicate, timeout=20, what="condition"):
        deadline = time.time() + timeout
        last = None
        while time.time() < deadline:
            try:
                value = predicate()
                if value:
                    return value
            except (StaleElementReferenceException, WebDriverException) as error:
                last = error
            time.sleep(0.1)
        self.screenshot(f"timeout-{re.sub(r'[^a-z0-9]+', '-', what.lower())[:40]}")
        self.fail(f"timed out waiting for {what} ({last})")

    def find(self, xpath, timeout=10):
        return self.wait(lambda: next((e for e in self.driver.find_elements(By.XPATH, xpath) if e.is_displayed()), None),
                         timeout, xpath)

    def button(self, text, scope="//"):
        return self.find(f"{scope}button[normalize-space()={literal(text)}]")

    def click(self, text, scope="//"):
        self.button(text, scope).click()

    def labelled(self, label, scope="//"):
        """The control named `label`: by its <label for> or its aria-label."""
        def lookup():
            for el in self.driver.find_elements(By.XPATH, f"{scope}label[normalize-space()={literal(label)}]"):
                if el.get_attribute("for") and el.is_displayed():
                    return self.driver.find_element(By.ID, el.get_attribute("for"))
            found = [e for e in self.driver.find_elements(By.XPATH, f"{scope}*[@aria-label={literal(label)}]") if e.is_displayed()]
            return found[0] if found else None
        return self.wait(lookup, 10, f"control labelled {label!r}")

    def type_into(self, label, text, scope="//"):
        """Types into the control named `label`, again if the page re-rendered it meanwhile."""
        def attempt():
            control = self.labelled(label, scope)
            control.clear()
            control.send_keys(text)
            return True
        self.wait(attempt, 10, f"typing into {label!r}")

    def menu(self, menu_name, item):
        self.click(f"{menu_name} ▾")
        self.find(f"//*[@role='menu'][@aria-label={literal(menu_name)}]//*[@role='menuitem'][normalize-space()={literal(item)}]").click()

    def dialog(self, title):
        return self.find(f"//*[@role='dialog'][.//h2[normalize-space()={literal(title)}]]")

    def in_dialog(self, title):
        return f"//*[@role='dialog'][.//h2[normalize-space()={literal(title)}]]//"

    def flash_text(self, contains):
        return self.wait(lambda: (lambda t: t if contains in t else None)(self.driver.find_element(By.ID, "flash").text),
                         20, f"banner saying {contains!r}")

    def row(self, key):
        return self.find(f"//tbody/tr[td[normalize-space()={literal(key)}]]")

    def row_has(self, key, text, timeout=30):
        """Waits until the row of `key` shows `text` (the page refreshes itself or by its Refresh button)."""
        def check():
            rows = self.driver.find_elements(By.XPATH, f"//tbody/tr[td[normalize-space()={literal(key)}]]")
            if rows and text in rows[0].text:
                return rows[0]
            if not self.driver.find_elements(By.XPATH, "//*[@role='dialog']"):
                refresh = self.driver.find_elements(By.XPATH, "//button[normalize-space()='Refresh']")
                if refresh and int(time.time() * 10) % 10 == 0:
                    refresh[0].click()
            return None
        return self.wait(check, timeout, f"row {key} showing {text!r}")

    def select_row(self, key):
        """Clicks the row (not its checkbox), which selects it alone, as in the AWS console."""
        self.row(key).find_element(By.XPATH, f"./td[normalize-space()={literal(key)}]").click()
        self.wait(lambda: self.row(key).get_attribute("aria-selected") == "true", 5, f"{key} selected")

    def open(self, page):
        self.driver.get("about:blank")  # a fresh page: a change of hash alone would keep an open dialog
        self.driver.get(f"{self.server.endpoint}/_localec2/console/#/{page}")
        self.find("//main//h1")

    def switch_region(self, region):
        Select(self.labelled("Region")).select_by_value(region)

    def screenshot(self, name):
        self.driver.save_screenshot(os.path.join(ARTIFACTS, f"{name}.png"))

    def setUp(self):
        self.driver.get_log("browser")  # the log is read since the last call: start each test afresh

    def assertNoBrowserErrors(self):
        """No script error, no failed load. The console API's answers to refused actions (4xx with the
        error in AWS's words, which the page shows) are the only network errors allowed."""
        severe = [entry for entry in self.driver.get_log("browser") if entry["level"] == "SEVERE" and
                  not (entry["source"] == "network" and "/_localec2/console/api " in entry["message"])]
        self.assertEqual([], severe)
