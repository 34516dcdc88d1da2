"""The local Neo4j Community server that `make setup` assembles from Maven Central.

Layout under `POWERMAP_NEO4J_HOME` (default `.neo4j/`, git-ignored):
  lib/       the server jars and Neo4j Browser (copied by Maven from graph/neo4j/pom.xml);
             another server may run on them from its own home (`lib`): the test suite's
             `.neo4j-test/` (POWERMAP_TEST_*), so `make test` leaves the demo's data alone
  conf/      neo4j.conf, written here on every start from Settings
  data/ logs/ run/   the store, the logs (logs/neo4j.log) and the pid file
  password   the generated password of user neo4j (mode 0600; data/, logs/ and run/ are 0700)

The server is run by Neo4j's own launcher (`Neo4jCommand start|stop`), which forks the
server JVM with the `server.jvm.additional` flags of our neo4j.conf: the jars do not
carry them, the release tarball's conf does, so we write our own.
"""

import io
import os
import re
import secrets
import socket
import subprocess
import time
import zipfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

from neo4j.exceptions import AuthError, ServiceUnavailable
from pydantic import SecretStr

from graph.connection import make_driver, server_version
from graph.schema import migrate
from graph.settings import PROJECT_ROOT, Settings

START_TIMEOUT_S = 90
# Folders of the Neo4j home only its owner may read.
PRIVATE_DIRS = ("data", "logs", "run")
USER = "neo4j"

# The flags the Neo4j 5.26 tarball puts in its neo4j.conf; the server needs the
# --add-opens on Java 17+. Strict validation refuses unknown settings, so only real ones.
JVM_FLAGS = (
    "-XX:+UseG1GC",
    "-XX:-OmitStackTraceInFastThrow",
    "-XX:+UnlockExperimentalVMOptions",
    "-XX:+TrustFinalNonStaticFields",
    "-XX:+DisableExplicitGC",
    "-Djdk.nio.maxCachedBufferSize=1024",
    "-Dio.netty.tryReflectionSetAccessible=true",
    "-Djdk.tls.ephemeralDHKeySize=2048",
    "-Djdk.tls.rejectClientInitiatedRenegotiation=true",
    "--add-opens=java.base/java.nio=ALL-UNNAMED",
    "--add-opens=java.base/java.io=ALL-UNNAMED",
    "--add-opens=java.base/sun.nio.ch=ALL-UNNAMED",
    "-Dlog4j2.disable.jmx=true",
)

# Neo4j Browser served from `<home>/web/`: the server serves a `neo4j-browser*.zip` found there
# (internal.dbms.web_dir_path, default `web`) instead of the jar's. powermap's copy is the jar's
# with every request to the internet switched off, for isolated intranets (contract section 5).
# Neo4j 5.26 has no setting for these: the Browser decides `loadExternalScripts` (the Canny
# feedback widget from canny.io, Segment analytics) from `browser.allow_outgoing_connections`,
# which the server does not know (strict validation refuses it) and which the Browser ignores on
# Community, where it always loads them; it starts Sentry tracing and imports Google web fonts
# unconditionally. The usage-data banner and the usage reports do obey a setting:
# client.allow_telemetry=false (conf_text).
BROWSER_ZIP = "neo4j-browser.zip"
BROWSER_PATCHES = (
    (
        "feedback widget (canny.io) and usage analytics",
        re.compile(rb"loadExternalScripts:[^,]{0,120}?isConnected\(e\)"),
        b"loadExternalScripts:!1",
    ),
    (
        "crash reports and performance traces (sentry.io): no DSN, nothing sent",
        re.compile(rb'dsn:"https://[^"]*sentry\.io[^"]*"'),
        b'dsn:""',
    ),
    (
        "web fonts (fonts.googleapis.com): the machine's own fonts instead",
        re.compile(rb"@import url\(https://fonts\.googleapis\.com/[^)]*\);"),
        b"",
    ),
    (
        "the preview's crash reports (sentry.io): no DSN, nothing sent",
        re.compile(rb'sentryDsn:"https://[^"]*sentry\.io[^"]*"'),
        b'sentryDsn:""',
    ),
    # The loaders themselves no longer name the vendors' hosts either: a script that is never
    # loaded today must not be one flag away from loading. A `data:` script loads nothing and
    # still fires its `load` event, so the code waiting on it carries on.
    (
        "the feedback widget's script (canny.io)",
        re.compile(re.escape(b'i.src="https://canny.io/sdk.js"')),
        b'i.src="data:text/javascript,"',
    ),
    (
        "the analytics script (cdn.segment.com)",
        re.compile(re.escape(b'"https://cdn.segment.com/analytics.js/v1/"+e+"/analytics.min.js"')),
        b'"data:text/javascript,"',
    ),
    (
        "the preview's analytics CDN (cdn.segment.com): none",
        re.compile(re.escape(b'return e||"https://cdn.segment.com"}')),
        b'return e||""}',
    ),
    (
        "the preview's analytics CDN pattern (cdn.segment.com): matches nothing",
        re.compile(re.escape(b'new RegExp("https://cdn.segment.(com|build)")')),
        b'new RegExp("(?!)")',
    ),
    # The preview fetches its guide catalogue from GitHub Pages as soon as it opens, before
    # anyone logs in: it reads it from this server instead (PREVIEW_GUIDES, added to the zip).
    (
        "the preview's guide catalogue (neo4j.github.io): served by this server",
        re.compile(re.escape(b'baseUrl:"https://neo4j.github.io/workspace-guides/"')),
        b'baseUrl:"/browser/preview/workspace-guides/"',
    ),
    (
        "the preview's example custom guide (neo4j.github.io): none",
        re.compile(
            re.escape(b'"https://neo4j.github.io/workspace-guides/guides-writing-guidance.workspace.json"')
        ),
        b'""',
    ),
)
# The catalogue the patched preview reads from this server: no guides, and the two playlists it
# asks for ("beginner" first, "advanced") empty. powermap's own guide is the classic Browser's.
PREVIEW_GUIDES = {
    "browser/preview/workspace-guides/index.json": b'{"guides": {}}',
    "browser/preview/workspace-guides/beginner.playlist.json": b'{"steps": []}',
    "browser/preview/workspace-guides/advanced.playlist.json": b'{"steps": []}',
}
# Hosts that serve scripts, styles or fonts to web pages: none may be named by a page powermap
# serves or configures (tests/browser/test_offline_browser.py reads the Browser it serves).
CDN_HOSTS = (
    "cdn.segment.com",
    "canny.io/sdk",
    "fonts.googleapis.com",
    "fonts.gstatic.com",
    "cdn.jsdelivr.net",
    "unpkg.com",
    "cdnjs.cloudflare.com",
    "cdn.redoc.ly",
    "neo4j.github.io/workspace-guides",
)


class LocalDbError(RuntimeError):
    """The local server could not be set up, started or reached; the message says why."""


@dataclass(frozen=True)
class LocalServer:
    home: Path
    bolt_port: int
    http_port: int
    heap: str
    pagecache: str
    # powermap's HTTP API: Neo4j Browser loads the style and the guide from it on connect.
    api_url: str = "http://localhost:8000"
    # The jars when not in home/lib (the test server shares the demo's).
    lib: Path | None = None
    # The guide's `:params {...}` command, which the Browser runs on connect. Computed by the
    # caller from graph.browser.guide, so that a broken guide cannot stop the database from
    # starting; None: the Browser connects without the guide's defaults.
    browser_params: str | None = None

    def __post_init__(self) -> None:
        # One line of neo4j.conf, one of the `;`-separated commands.
        if self.browser_params is not None and any(c in self.browser_params for c in ";\r\n"):
            raise ValueError(f"browser_params must be one command on one line: {self.browser_params!r}")

    @classmethod
    def from_settings(cls, settings: Settings, browser_params: str | None = None) -> "LocalServer":
        """The server `powermap db` runs (`make demo`'s)."""
        return cls(
            home=settings.powermap_neo4j_home.resolve(),
            bolt_port=settings.powermap_bolt_port,
            http_port=settings.powermap_http_port,
            heap=settings.powermap_neo4j_heap,
            pagecache=settings.powermap_neo4j_pagecache,
            api_url=settings.powermap_api_url,
            lib=settings.powermap_neo4j_lib.resolve() if settings.powermap_neo4j_lib else None,
            browser_params=browser_params,
        )

    @classmethod
    def for_tests(cls, settings: Settings, browser_params: str | None = None) -> "LocalServer":
        """The test suite's server: its own home, ports and API URL, the demo server's jars."""
        return cls(
            home=settings.powermap_test_neo4j_home.resolve(),
            bolt_port=settings.powermap_test_bolt_port,
            http_port=settings.powermap_test_http_port,
            heap=settings.powermap_test_neo4j_heap,
            pagecache=settings.powermap_test_neo4j_pagecache,
            api_url=settings.powermap_test_api_url,
            lib=(settings.powermap_neo4j_lib or settings.powermap_neo4j_home / "lib").resolve(),
            browser_params=browser_params,
        )

    @property
    def lib_dir(self) -> Path:
        return self.lib or self.home / "lib"

    @property
    def uri(self) -> str:
        return f"bolt://127.0.0.1:{self.bolt_port}"

    @property
    def browser_url(self) -> str:
        return f"http://localhost:{self.http_port}/browser/"

    @property
    def log_file(self) -> Path:
        return self.home / "logs" / "neo4j.log"

    @property
    def password_file(self) -> Path:
        return self.home / "password"

    def is_assembled(self) -> bool:
        return any(self.lib_dir.glob("neo4j-5.26.*.jar"))

    def browser_conf(self) -> list[str]:
        """Neo4j Browser, on connect, applies powermap's style, sets the guide's parameters to
        their defaults (so every query of the guide runs as it is) and opens the guide.

        `post_connect_cmd` holds `;`-separated Browser commands without their leading `:`
        (the Browser adds it: `:style` would run as `::style`). The Browser fetches remote
        content only from allowed hosts; its default list has `localhost` but not `127.0.0.1`,
        so the API's own host is added.
        """
        api_host = urlsplit(self.api_url).hostname
        # Only this machine's hosts: the Browser fetches nothing from guides.neo4j.com.
        hosts = dict.fromkeys(["localhost", api_host])
        commands = [
            f"style {self.api_url}/browser/style.grass",
            *([self.browser_params.removeprefix(":")] if self.browser_params else []),
            f"guide {self.api_url}/browser/guide.html",
        ]
        return [
            f"browser.post_connect_cmd={'; '.join(commands)}",
            f"browser.remote_content_hostname_whitelist={','.join(h for h in hosts if h)}",
            # No usage data: the Browser neither asks (its banner) nor sends.
            "client.allow_telemetry=false",
        ]

    def conf_text(self) -> str:
        lines = [
            "# Written by powermap (graph/localdb.py) on every `powermap db start`; edits are lost.",
            "server.default_listen_address=127.0.0.1",
            f"server.bolt.listen_address=127.0.0.1:{self.bolt_port}",
            f"server.bolt.advertised_address=localhost:{self.bolt_port}",
            f"server.http.listen_address=127.0.0.1:{self.http_port}",
            f"server.http.advertised_address=localhost:{self.http_port}",
            "server.https.enabled=false",
            "dbms.security.auth_enabled=true",
            "dbms.usage_report.enabled=false",
            # Do not reserve 256 MiB of transaction log per database up front: disks here are small.
            "db.tx_log.preallocate=false",
            f"server.memory.heap.initial_size={self.heap}",
            f"server.memory.heap.max_size={self.heap}",
            f"server.memory.pagecache.size={self.pagecache}",
            # The launcher builds the server's class path from this folder.
            *([f"server.directories.lib={self.lib}"] if self.lib else []),
            *self.browser_conf(),
            *(f"server.jvm.additional={flag}" for flag in JVM_FLAGS),
        ]
        return "\n".join(lines) + "\n"

    # --- running the launcher -------------------------------------------------------

    def java_argv(self, main: str, *args: str, argfile: Path | None = None) -> list[str]:
        """The command line of a launcher run; with `argfile`, the main class and its arguments
        are in that file (the JDK's `java @file`), so a secret among them is on no command line."""
        if argfile is not None:
            return ["java", "-cp", str(self.lib_dir / "*"), f"@{argfile}"]
        return ["java", "-cp", str(self.lib_dir / "*"), main, *args]

    def _java(self, main: str, *args: str, secret: bool = False) -> subprocess.CompletedProcess[str]:
        env = {**os.environ, "NEO4J_HOME": str(self.home), "NEO4J_CONF": str(self.home / "conf")}
        if secret:
            # Readable by the owner only, and gone when the JVM has read it.
            argfile = self.home / "run" / f".args-{secrets.token_hex(8)}"
            descriptor = os.open(argfile, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
            with os.fdopen(descriptor, "w", encoding="utf-8") as handle:
                handle.write(" ".join([main, *args]) + "\n")
            try:
                return self._run(self.java_argv(main, argfile=argfile), env)
            finally:
                argfile.unlink(missing_ok=True)
        return self._run(self.java_argv(main, *args), env)

    def _run(self, argv: list[str], env: dict[str, str]) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            argv,
            env=env,
            cwd=self.home,
            capture_output=True,
            text=True,
            timeout=120,
            check=False,
        )

    def _launcher(self, *args: str) -> subprocess.CompletedProcess[str]:
        return self._java("org.neo4j.server.startup.Neo4jCommand", *args)

    def _prepare(self) -> tuple[str, bool]:
        """Write the conf; on first start set the generated password.

        Returns the password and whether the conf differs from the one written before.
        """
        if not self.is_assembled():
            raise LocalDbError(
                f"本地 Neo4j 尚未安装（{self.lib_dir} 中没有服务器 jar），请先运行 make setup。\n"
                f"The local Neo4j is not assembled in {self.lib_dir}: run `make setup`."
            )
        for sub in ("conf", "data", "logs", "run", "plugins"):
            (self.home / sub).mkdir(parents=True, exist_ok=True)
        for private in PRIVATE_DIRS:
            # The store, the logs (queries, user names) and the pid and argument files: owner only.
            (self.home / private).chmod(0o700)
        conf = self.home / "conf" / "neo4j.conf"
        conf_changed = not conf.exists() or conf.read_text(encoding="utf-8") != self.conf_text()
        conf.write_text(self.conf_text(), encoding="utf-8")
        conf_changed = self.offline_browser() or conf_changed

        first_start = not (self.home / "data" / "databases" / "system").exists()
        if self.password_file.exists():
            password = self.password_file.read_text(encoding="utf-8").strip()
        elif first_start:
            # Hex: a password starting with "-" would be read by neo4j-admin as an option.
            password = secrets.token_hex(16)
        else:
            raise LocalDbError(
                f"数据库已存在但密码文件 {self.password_file} 丢失；"
                f"删除 {self.home / 'data'} 后重新启动会新建一个空库。\n"
                "The store exists but its password file is gone."
            )
        if first_start:
            done = self._java(
                "org.neo4j.server.startup.Neo4jAdminCommand",
                "dbms",
                "set-initial-password",
                password,
                secret=True,  # the password goes through an argument file, not the command line
            )
            if done.returncode != 0:
                raise LocalDbError(f"设置初始密码失败 / set-initial-password failed:\n{done.stderr}")
            # Created owner-only, never readable by others for a moment.
            descriptor = os.open(self.password_file, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
            with os.fdopen(descriptor, "w", encoding="utf-8") as handle:
                handle.write(password + "\n")
            self.password_file.chmod(0o600)
        return password, conf_changed

    @property
    def browser_zip(self) -> Path:
        return self.home / "web" / BROWSER_ZIP

    def offline_browser(self) -> bool:
        """Write `<home>/web/neo4j-browser.zip`: the Browser of the jars with BROWSER_PATCHES
        applied, each exactly once. Returns whether it changed (the server must restart)."""
        jars = sorted(self.lib_dir.glob("neo4j-browser-*.jar"))
        if not jars:
            raise LocalDbError(
                f"{self.lib_dir} 中没有 Neo4j Browser / no neo4j-browser jar: run `make setup`."
            )
        found = dict.fromkeys((what for what, _, _ in BROWSER_PATCHES), 0)
        out = io.BytesIO()
        with zipfile.ZipFile(jars[-1]) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
            # The server unpacks the zip and serves its first entry, a folder: browser/, as in
            # the jar, each folder's entry before what it holds.
            stamp = (2024, 1, 1, 0, 0, 0)  # fixed: the same Browser gives the same bytes
            dst.writestr(zipfile.ZipInfo("browser/", date_time=stamp), b"")
            for info in src.infolist():
                if not info.filename.startswith("browser/") or info.filename == "browser/":
                    continue
                data = src.read(info)
                if info.filename.endswith(".js"):
                    for what, pattern, replacement in BROWSER_PATCHES:
                        data, n = pattern.subn(replacement, data)
                        found[what] += n
                dst.writestr(info, data, compress_type=zipfile.ZIP_DEFLATED)
            dst.writestr(zipfile.ZipInfo("browser/preview/workspace-guides/", date_time=stamp), b"")
            for name, body in PREVIEW_GUIDES.items():
                dst.writestr(zipfile.ZipInfo(name, date_time=stamp), body, compress_type=zipfile.ZIP_DEFLATED)
        wrong = {what: n for what, n in found.items() if n != 1}
        if wrong:
            raise LocalDbError(
                f"{jars[-1].name}：无法关闭 Neo4j Browser 的外部请求 / cannot switch off the Browser's "
                f"outgoing requests (patches matched {wrong} times, expected once): a new Browser version?"
            )
        data = out.getvalue()
        if self.browser_zip.exists() and self.browser_zip.read_bytes() == data:
            return False
        self.browser_zip.parent.mkdir(parents=True, exist_ok=True)
        self.browser_zip.write_bytes(data)
        return True

    def settings(self, base: Settings, password: str) -> Settings:
        """`base` pointed at this server; its layout too, so `from_settings` of them is this server."""
        return base.model_copy(
            update={
                "neo4j_uri": self.uri,
                "neo4j_user": USER,
                "neo4j_password": SecretStr(password),
                "powermap_neo4j_home": self.home,
                "powermap_neo4j_lib": self.lib,
                "powermap_bolt_port": self.bolt_port,
                "powermap_http_port": self.http_port,
                "powermap_neo4j_heap": self.heap,
                "powermap_neo4j_pagecache": self.pagecache,
                "powermap_api_url": self.api_url,
            }
        )

    def answers(self, settings: Settings) -> str | None:
        """The server version when a query answers, else None."""
        try:
            with make_driver(settings) as driver:
                return server_version(driver, settings.neo4j_database)
        except (ServiceUnavailable, AuthError, OSError):
            return None

    def _port_taken(self) -> bool:
        with socket.socket() as probe:
            probe.settimeout(1.0)
            return probe.connect_ex(("127.0.0.1", self.bolt_port)) == 0

    def log_tail(self, lines: int = 40) -> str:
        if not self.log_file.exists():
            return "(没有日志 / no log yet)"
        return "\n".join(self.log_file.read_text(errors="replace").splitlines()[-lines:])

    def start(
        self, base: Settings, on_wait: Callable[[int], None] = lambda _s: None
    ) -> tuple[Settings, bool]:
        """Start (a no-op when it already answers) and apply the schema.

        Returns the settings to reach it and whether this call started it.
        """
        password, conf_changed = self._prepare()
        settings = self.settings(base, password)
        started = False
        # A running server reads its conf only when it starts: restart it to apply a new one
        # (new ports, memory, or Browser settings such as the guide's parameters).
        if conf_changed and self.answers(settings) is not None:
            self.stop()
        if self.answers(settings) is None:
            if self._port_taken() and not (self.home / "run" / "neo4j.pid").exists():
                raise LocalDbError(
                    f"端口 {self.bolt_port} 已被另一个程序占用（也许是另一份 powermap 的 Neo4j）。"
                    "请先停止它，或在 .env 中设置 POWERMAP_BOLT_PORT / POWERMAP_HTTP_PORT。\n"
                    f"Port {self.bolt_port} is taken by another server: stop it or choose other ports."
                )
            done = self._launcher("start")
            # "already running" is fine: it may still be warming up from an earlier start.
            if done.returncode != 0 and "already running" not in done.stdout + done.stderr:
                raise LocalDbError(
                    f"Neo4j 启动失败 / failed to start:\n{done.stdout}{done.stderr}\n"
                    f"--- {self.log_file} ---\n{self.log_tail()}"
                )
            started = True
            deadline = time.monotonic() + START_TIMEOUT_S
            while self.answers(settings) is None:
                if time.monotonic() > deadline:
                    raise LocalDbError(
                        f"Neo4j 在 {START_TIMEOUT_S} 秒内没有响应 / did not answer within "
                        f"{START_TIMEOUT_S} s.\n--- {self.log_file} ---\n{self.log_tail()}"
                    )
                on_wait(int(START_TIMEOUT_S - (deadline - time.monotonic())))
                time.sleep(0.5)
        with make_driver(settings) as driver:
            migrate(driver, settings.neo4j_database)
        return settings, started

    def stop(self) -> bool:
        """Stop the server cleanly; False when it was not running."""
        if not self.is_assembled():
            return False
        done = self._launcher("stop")
        return "not running" not in (done.stdout + done.stderr)

    def credentials(self, base: Settings) -> Settings | None:
        """Settings for this server when its password is known."""
        if not self.password_file.exists():
            return None
        return self.settings(base, self.password_file.read_text(encoding="utf-8").strip())


def write_env(server: LocalServer, settings: Settings, env_file: Path | None = None) -> Path:
    """Keep NEO4J_URI/USER/PASSWORD of the local server in `.env`, other lines untouched.

    Left alone when `.env` points NEO4J_URI at some other server: that is the user's choice.
    """
    path = env_file or PROJECT_ROOT / ".env"
    lines = path.read_text(encoding="utf-8").splitlines() if path.exists() else []
    current = dict(line.split("=", 1) for line in lines if "=" in line and not line.startswith("#"))
    if current.get("NEO4J_URI", server.uri).strip() != server.uri:
        return path
    wanted = {
        "NEO4J_URI": server.uri,
        "NEO4J_USER": settings.neo4j_user,
        "NEO4J_PASSWORD": settings.neo4j_password.get_secret_value(),
    }
    kept = [line for line in lines if line.split("=", 1)[0].strip() not in wanted]
    path.write_text("\n".join([*kept, *(f"{k}={v}" for k, v in wanted.items())]) + "\n", encoding="utf-8")
    path.chmod(0o600)
    return path
