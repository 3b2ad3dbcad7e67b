"""First load of the web console's pages at 1,000 instances: what a browser fetches (the page, its modules,
the API calls the page makes), over HTTP, and — when Debian's chromium and python3-selenium are installed —
the time a headless Chromium takes from navigation to the rendered table. The issue's target: under 200 ms
from localhost.

Usage: python3 bench/bench_console.py [--instances 1000] [--runs 10]"""
import argparse
import http.client
import json
import os
import re
import shutil
import sys
import tempfile
import time

from bench_common import Server, ms, percentiles

PAGES = {  # the console API calls each page makes on first load (app.js adds DescribeRegions)
    "instances": [("DescribeInstances", {"MaxResults": 50})],  # the first page; the rest loads behind it
    "amis": [("DescribeImages", {"Owner.1": "self"})],
    "volumes": [("DescribeVolumes", {}), ("DescribeAvailabilityZones", {})],
    "snapshots": [("DescribeSnapshots", {"Owner.1": "self"}), ("DescribeAvailabilityZones", {})],
    "security-groups": [("DescribeSecurityGroups", {})],
    "key-pairs": [("DescribeKeyPairs", {})],
}
FILES = ["", "style.css", "app.js", "api.js", "ui.js", "pages/instances.js", "pages/launch.js", "pages/amis.js",
         "pages/ebs.js", "pages/keys.js", "pages/groups.js"]


def http_first_load(port, page):
    """A cold browser's requests for `page`, on one fresh keep-alive connection: seconds."""
    begin = time.perf_counter()
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
    for name in FILES:
        conn.request("GET", f"/_localec2/console/{name}")
        response = conn.getresponse()
        response.read()
        assert response.status == 200, (name, response.status)
    for action, params in [("DescribeRegions", {"AllRegions": True})] + PAGES[page]:
        body = json.dumps({"Action": action, "Region": "us-east-1", "Params": params})
        conn.request("POST", "/_localec2/console/api", body, {"Content-Type": "application/json"})
        response = conn.getresponse()
        response.read()
        assert response.status == 200, (action, response.status)
    conn.close()
    return time.perf_counter() - begin


def browser_first_load(port, runs):
    try:
        import selenium  # noqa: F401
    except ImportError:
        sys.path.append("/usr/lib/python3/dist-packages")
    try:
        from selenium import webdriver
        from selenium.webdriver.chrome.service import Service
    except ImportError:
        return None
    if not shutil.which("chromium") or not shutil.which("chromedriver"):
        return None
    options = webdriver.ChromeOptions()
    options.binary_location = shutil.which("chromium")
    for arg in ("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--window-size=1280,800",
                f"--user-data-dir={tempfile.mkdtemp(prefix='localec2-bench-chromium-')}"):
        options.add_argument(arg)
    driver = webdriver.Chrome(service=Service(executable_path=shutil.which("chromedriver")), options=options)
    samples = []
    try:
        for _ in range(runs):
            driver.execute_cdp_cmd("Network.clearBrowserCache", {})
            driver.get("about:blank")
            driver.get(f"http://127.0.0.1:{port}/_localec2/console/#/instances")
            deadline = time.time() + 30
            while time.time() < deadline:
                elapsed = driver.execute_script(
                    "const h = document.querySelector('main h1');"
                    "return h && /Instances \\(\\d+\\)/.test(h.textContent) && document.querySelectorAll('tbody tr').length > 0"
                    " ? performance.now() : null;")
                if elapsed is not None:
                    samples.append(elapsed / 1000)
                    break
                time.sleep(0.005)
    finally:
        driver.quit()
    return samples


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--instances", type=int, default=1000)
    parser.add_argument("--runs", type=int, default=10)
    args = parser.parse_args()
    data_dir = tempfile.mkdtemp(prefix="localec2-bench-console-")
    server = Server("localec2", data_dir)
    try:
        server.start()
        _, images = server.call("DescribeImages", **{"Owner.1": "amazon"})
        image_id = re.search(rb"<imageId>(ami-[0-9a-f]+)</imageId>", images).group(1).decode()
        left = args.instances
        while left:
            batch = min(100, left)
            server.timed("RunInstances", ImageId=image_id, InstanceType="t3.micro", MinCount=batch, MaxCount=batch)
            left -= batch
        print(f"localec2 console first load at {args.instances} instances ({args.runs} runs; ms)")
        print(f"{'page':<18}{'median':>10}{'p99':>10}")
        for page in PAGES:
            samples = [http_first_load(server.port, page) for _ in range(args.runs)]
            median, p99 = percentiles(samples)
            print(f"{'http ' + page:<18}{ms(median):>10}{ms(p99):>10}")
        samples = browser_first_load(server.port, args.runs)
        if samples is None:
            print("chromium: not installed (scripts/install-deps.sh installs it); browser timing skipped")
        else:
            median, p99 = percentiles(samples)
            print(f"{'chromium instances':<18}{ms(median):>10}{ms(p99):>10}   (navigation start → table rendered)")
    finally:
        server.stop()
        shutil.rmtree(data_dir, ignore_errors=True)


if __name__ == "__main__":
    main()
