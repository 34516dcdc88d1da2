# powermap: every set-up step, idempotent and safe to re-run on a fresh Debian machine (as root).
#   make setup   venv + Debian packages when missing + Neo4j 5.26 assembled from Maven Central
#   make demo    set-up, local Neo4j, sample station, checks, flowcharts, API; prints where to look
#   make test    set-up, ruff + mypy, then the whole test suite on its own local Neo4j
#                (.neo4j-test/, ports 7688/7475; started or reused by tests/conftest.py, left
#                running; the demo's server and data are not touched)

SHELL := /bin/bash
.SHELLFLAGS := -eu -o pipefail -c
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
NEO4J_HOME ?= .neo4j
POM := graph/neo4j/pom.xml

.PHONY: setup demo test lint system-packages db-start clean

setup: system-packages $(VENV)/.installed $(NEO4J_HOME)/lib/.assembled

# Debian packages, each only when missing: graphviz, a CJK font, pdftotext (tests), a JDK, Maven,
# chromium (the real-browser test drives it with Playwright; never a browser download), LibreOffice Calc
# without a GUI (the office-suite tests convert workbooks with it, as users' own tools write them).
system-packages:
	@missing=""; \
	command -v dot >/dev/null || missing="$$missing graphviz"; \
	fc-list :lang=zh family | grep -q . || missing="$$missing fonts-noto-cjk"; \
	command -v pdftotext >/dev/null || missing="$$missing poppler-utils"; \
	command -v java >/dev/null || missing="$$missing default-jdk-headless"; \
	command -v mvn >/dev/null || missing="$$missing maven"; \
	[ -x /usr/bin/chromium ] || missing="$$missing chromium"; \
	command -v soffice >/dev/null || missing="$$missing libreoffice-calc-nogui"; \
	if [ -n "$$missing" ]; then \
	  echo "installing Debian packages:$$missing"; \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing; \
	fi

$(VENV)/.installed: pyproject.toml
	[ -x $(BIN)/python ] || $(PYTHON) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip
	$(BIN)/pip install -q -e '.[dev]'
	touch $@

# Neo4j Community 5.26 and Neo4j Browser: the jars and their dependencies, from Maven Central.
$(NEO4J_HOME)/lib/.assembled: $(POM)
	rm -rf $(NEO4J_HOME)/lib
	mvn -q -B -f $(POM) dependency:copy-dependencies -DincludeScope=runtime \
	  -DoutputDirectory=$(abspath $(NEO4J_HOME))/lib
	touch $@

db-start: setup
	$(BIN)/powermap db start

demo: db-start
	$(BIN)/powermap import data/sample/城关供电所
	$(BIN)/powermap rate
	$(BIN)/powermap check --format table
	@mkdir -p out
	$(BIN)/powermap check --format json > out/findings.json
	$(BIN)/powermap check --format csv > out/findings.csv
	$(BIN)/powermap render CG-P01 --format png -o out/高压业扩报装.png
	$(BIN)/powermap render --all --unit CG --format pdf --out out/培训包
	@echo; echo "== 预警 → 核查 → 整改 → 销号：本月扫描，导入次月数据，再扫描，看变化 =="
	$(BIN)/powermap scan --unit CG
	$(BIN)/powermap import data/sample/城关供电所-次月
	$(BIN)/powermap scan --unit CG
	$(BIN)/powermap drift --unit CG --format table
	$(BIN)/powermap ledger --unit CG --format xlsx -o out/整改台账.xlsx
	$(BIN)/powermap tasks --month $$(date +%Y-%m) --unit CG --format pdf -o out/监督任务单.pdf
	$(BIN)/powermap report --month $$(date +%Y-%m) --unit CG -o out/月度报告.pdf
	@echo
	@$(BIN)/powermap browser info
	@echo "检查结果 / findings:  out/findings.json, out/findings.csv（Excel 可直接打开）"
	@echo "流程图 / flowcharts:  out/高压业扩报装.png, out/培训包/（每流程一个 PDF 与合订本）"
	@echo "整改台账 / ledger:    out/整改台账.xlsx；监督任务单 out/监督任务单.pdf；月度报告 out/月度报告.pdf"
	@echo "API 文档 / API docs:  http://localhost:8000/docs"
	@echo "API 令牌 / token (admin, 仅显示一次 / shown once): $$($(BIN)/powermap token create --role admin --name demo 2>/dev/null)"
	@echo
	@echo "正在启动 API（Ctrl+C 停止；数据库继续运行，停止用 .venv/bin/powermap db stop）"
	$(BIN)/powermap serve

lint: setup
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy

# No db-start: the tests start their own server (tests/conftest.py), never the demo's.
test: setup lint
	$(BIN)/pytest

clean:
	-$(BIN)/powermap db stop
	-$(BIN)/powermap db stop --test
	rm -rf $(VENV) $(NEO4J_HOME) .neo4j-test .pytest_cache .mypy_cache .ruff_cache
