#!/bin/sh
# Installs Debian's Chromium and its WebDriver for the browser tests when they are missing.
# The tests run it before starting a browser; it needs root (CI and the dev machines run as root).
set -e
if [ -x /usr/bin/chromium ] && [ -x /usr/bin/chromedriver ]; then
    exit 0
fi
if [ "$(id -u)" != "0" ]; then
    echo "chromium and chromium-driver are missing; install them: apt-get install chromium chromium-driver" >&2
    exit 1
fi
export DEBIAN_FRONTEND=noninteractive
apt-get update -q
apt-get install -y -q chromium chromium-driver
