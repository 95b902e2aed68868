package main

import (
	"bytes"
	"encoding/json"
	"flag"
	"fmt"
	"image"
	"image/png"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"
)

// The browser check runs only when asked, and then fails (never skips)
// without a browser:
//
//	go test ./examples/county -run TestBrowser -args -browser
//
// .ci/run installs Debian's chromium and fonts-noto-cjk and runs it. The
// page, the screenshots and chromium's net logs stay in $FUPIN_REPORT_DIR
// (default /tmp/fupin-report).
var browser = flag.Bool("browser", false, "render the HTML page in headless chromium and check the screenshots")

// viewport is a window width the page is checked at.
type viewport struct {
	name  string
	width int
}

// measured is what the measuring harness reports about the page's layout
// (CSS pixels; the screenshots are taken at a device scale of 1).
type measured struct {
	ScrollWidth int            `json:"scrollWidth"`
	ClientWidth int            `json:"clientWidth"`
	Height      int            `json:"height"`
	Charts      map[string]box `json:"charts"`
}

type box struct{ X, Y, W, H float64 }

// harness returns a page that shows report.html in an iframe of the given
// size. Headless chromium does not lay a window out narrower than 500 px,
// so the page is checked at a phone's width in an iframe of that width:
// the report itself is loaded unchanged, from its own file. The measuring
// harness has a script that reports the iframe's layout (the report has
// none); the screenshot harness has none, and its screenshot is cropped to
// the iframe.
func harness(width, height int, measure bool) []byte {
	script := ""
	if measure {
		script = `<script>window.addEventListener('load',function(){var doc=document.getElementById('f').contentDocument, d=doc.documentElement;
var out={scrollWidth:d.scrollWidth, clientWidth:d.clientWidth, height:d.scrollHeight, charts:{}};
doc.querySelectorAll('figure.chart svg').forEach(function(s){var r=s.getBoundingClientRect();
out.charts[s.getAttribute('data-chart')]={X:r.left, Y:r.top+doc.defaultView.scrollY, W:r.width, H:r.height};});
var p=document.createElement('pre'); p.id='measured'; p.textContent=JSON.stringify(out); document.body.appendChild(p);});</script>`
	}
	return fmt.Appendf(nil, `<!DOCTYPE html><html><head><meta charset="utf-8"/><style>body{margin:0;background:#fff}iframe{border:0;display:block}</style></head>
<body><iframe id="f" src="report.html" style="width:%dpx;height:%dpx"></iframe>%s</body></html>`, width, height, script)
}

// chromiumArgs keep every request on the machine: a proxy on a closed
// local port, no name resolution, no background networking; and log
// every request to a net log that [leaks] reads.
func chromiumArgs(netlog string, width, height int) []string {
	return []string{"--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars", "--force-device-scale-factor=1",
		"--proxy-server=127.0.0.1:9", "--host-resolver-rules=MAP * ~NOTFOUND", "--disable-background-networking",
		"--disable-component-update", "--disable-sync", "--no-first-run", "--no-default-browser-check",
		"--log-net-log=" + netlog, fmt.Sprintf("--window-size=%d,%d", width, height)}
}

// TestBrowser renders the default county's page in headless chromium at a
// desktop and a phone width and checks that every chart has been drawn
// (pixels other than the white background in its box), that the page
// does not overflow horizontally, and that no request left the machine.
func TestBrowser(t *testing.T) {
	if !*browser {
		t.Skip("the browser check runs with -args -browser")
	}
	bin := ""
	for _, name := range []string{"chromium", "chromium-browser", "google-chrome"} {
		if p, err := exec.LookPath(name); err == nil {
			bin = p
			break
		}
	}
	if bin == "" {
		t.Fatal("-browser given but no chromium on PATH: install Debian's chromium and fonts-noto-cjk (apt-get install -y chromium fonts-noto-cjk)")
	}
	dir := os.Getenv("FUPIN_REPORT_DIR")
	if dir == "" {
		dir = filepath.Join(os.TempDir(), "fupin-report")
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	var out, errb bytes.Buffer
	if err := run(options{format: "html", top: -1}, &out, &errb); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "report.html"), out.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	for _, vp := range []viewport{{"desktop", 1280}, {"phone", 390}} {
		t.Run(vp.name, func(t *testing.T) {
			window := max(vp.width, 500)
			// Measure the layout at this width.
			probe := filepath.Join(dir, vp.name+"-measure.html")
			if err := os.WriteFile(probe, harness(vp.width, 900, true), 0o644); err != nil {
				t.Fatal(err)
			}
			dom := chromium(t, bin, filepath.Join(dir, vp.name+"-measure.netlog.json"), window, 900, "--allow-file-access-from-files", "--dump-dom", "file://"+probe)
			m := regexp.MustCompile(`<pre id="measured">([^<]*)</pre>`).FindSubmatch(dom)
			if m == nil {
				t.Fatalf("the measuring harness reported nothing; its DOM:\n%.2000s", dom)
			}
			var lay measured
			if err := json.Unmarshal(bytes.ReplaceAll(m[1], []byte("&quot;"), []byte(`"`)), &lay); err != nil {
				t.Fatalf("measurement %s: %v", m[1], err)
			}
			if lay.ClientWidth != vp.width {
				t.Fatalf("the page was laid out %d px wide, want %d", lay.ClientWidth, vp.width)
			}
			if lay.ScrollWidth > lay.ClientWidth {
				t.Errorf("horizontal overflow at %d px: the page is %d px wide", vp.width, lay.ScrollWidth)
			}
			// Screenshot the whole page, in a harness without script.
			frame := filepath.Join(dir, vp.name+"-frame.html")
			if err := os.WriteFile(frame, harness(vp.width, lay.Height, false), 0o644); err != nil {
				t.Fatal(err)
			}
			shot := filepath.Join(dir, vp.name+".png")
			chromium(t, bin, filepath.Join(dir, vp.name+".netlog.json"), window, lay.Height, "--screenshot="+shot, "file://"+frame)
			img := crop(t, shot, vp.width)
			t.Logf("%s screenshot %s (%dx%d)", vp.name, shot, img.Bounds().Dx(), img.Bounds().Dy())
			for _, name := range chartIDs {
				b, ok := lay.Charts[name]
				if !ok {
					t.Errorf("chart %q not laid out", name)
					continue
				}
				if b.W < 100 || b.H < 50 {
					t.Errorf("chart %q is only %.0f×%.0f px", name, b.W, b.H)
				}
				if b.X < 0 || b.X+b.W > float64(vp.width)+0.5 {
					t.Errorf("chart %q spans x %.0f to %.0f, outside the %d px window", name, b.X, b.X+b.W, vp.width)
				}
				ink, area := inked(img, b)
				// A drawn chart covers far more than 2% of its box; a blank
				// one (nothing drawn) none.
				if area == 0 || ink*50 < area {
					t.Errorf("chart %q at %+v: %d of %d pixels drawn, want at least 2%%", name, b, ink, area)
				}
				t.Logf("chart %-7s box %4.0f,%5.0f %4.0fx%4.0f: %5.1f%% drawn", name, b.X, b.Y, b.W, b.H, 100*float64(ink)/float64(max(area, 1)))
			}
		})
	}
	t.Logf("page, screenshots and net logs in %s", dir)
}

// chromium runs the browser once and returns its standard output; its net
// log must show no request from the page and nothing leaving the machine.
func chromium(t *testing.T, bin, netlog string, width, height int, args ...string) []byte {
	t.Helper()
	cmd := exec.Command(bin, append(chromiumArgs(netlog, width, height), args...)...)
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	done := make(chan error, 1)
	go func() { done <- cmd.Wait() }()
	select {
	case err := <-done:
		if err != nil {
			t.Fatalf("%s: %v\n%s", bin, err, stderr.Bytes())
		}
	case <-time.After(120 * time.Second):
		cmd.Process.Kill()
		<-done
		t.Fatalf("%s did not finish in 120 s\n%s", bin, stderr.Bytes())
	}
	log, err := os.ReadFile(netlog)
	if err != nil {
		t.Fatalf("no net log: %v", err)
	}
	if bad := leaks(t, log); len(bad) > 0 {
		t.Errorf("%s shows requests from the page or traffic that left the machine:\n%s", netlog, strings.Join(bad, "\n"))
	}
	return stdout.Bytes()
}

// leaks reads a chromium net log (--log-net-log) and returns what shows
// a request made by the page or traffic leaving the machine:
//   - a URL request started by a page (its initiator an origin: the
//     browser's own background requests say "not an origin", and the
//     report's own file is not a network request at all);
//   - a TCP connection to an address other than the loopback (every
//     request must go to the proxy on the closed local port, and fail);
//   - response headers read, or bytes sent on a UDP socket (the IPv6
//     reachability probe connects a UDP socket but sends nothing).
func leaks(t *testing.T, log []byte) []string {
	t.Helper()
	var nl struct {
		Constants struct {
			LogEventTypes map[string]int `json:"logEventTypes"`
		} `json:"constants"`
		Events []struct {
			Type   int            `json:"type"`
			Params map[string]any `json:"params"`
		} `json:"events"`
	}
	// A log that chromium did not close (it was killed) ends inside the
	// events array: close it.
	if err := json.Unmarshal(log, &nl); err != nil {
		closed := append(bytes.TrimRight(bytes.Clone(log), " \n\r,"), "]}"...)
		if err2 := json.Unmarshal(closed, &nl); err2 != nil {
			t.Fatalf("net log: %v", err)
		}
	}
	if len(nl.Constants.LogEventTypes) == 0 {
		t.Fatal("net log without event types")
	}
	name := map[int]string{}
	for k, v := range nl.Constants.LogEventTypes {
		name[v] = k
	}
	var bad []string
	for _, e := range nl.Events {
		p := e.Params
		switch name[e.Type] {
		case "URL_REQUEST_START_JOB":
			// The event's end carries no parameters.
			if in, ok := p["initiator"].(string); ok && in != "not an origin" {
				bad = append(bad, fmt.Sprintf("request from the page (initiator %q): %v", in, p["url"]))
			}
		case "TCP_CONNECT", "TCP_CONNECT_ATTEMPT":
			for _, k := range []string{"address", "address_list"} {
				for _, a := range addresses(p[k]) {
					if !strings.HasPrefix(a, "127.") && !strings.HasPrefix(a, "[::1]") {
						bad = append(bad, "TCP connection to "+a)
					}
				}
			}
		case "HTTP_TRANSACTION_READ_RESPONSE_HEADERS", "UDP_BYTES_SENT":
			bad = append(bad, fmt.Sprintf("%s %v", name[e.Type], p))
		}
	}
	return bad
}

// addresses returns the address or list of addresses of a net log
// parameter.
func addresses(v any) []string {
	switch x := v.(type) {
	case string:
		return []string{x}
	case []any:
		var out []string
		for _, a := range x {
			if s, ok := a.(string); ok {
				out = append(out, s)
			}
		}
		return out
	}
	return nil
}

// crop decodes a screenshot, keeps its left width pixels (the iframe) and
// writes it back.
func crop(t *testing.T, path string, width int) image.Image {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	img, err := png.Decode(f)
	f.Close()
	if err != nil {
		t.Fatalf("%s: %v", path, err)
	}
	if img.Bounds().Dx() < width {
		t.Fatalf("%s is %d px wide, want at least %d", path, img.Bounds().Dx(), width)
	}
	if img.Bounds().Dx() == width {
		return img
	}
	sub, ok := img.(interface {
		SubImage(image.Rectangle) image.Image
	})
	if !ok {
		t.Fatalf("%s: cannot crop a %T", path, img)
	}
	out := sub.SubImage(image.Rect(0, 0, width, img.Bounds().Dy()))
	var buf bytes.Buffer
	if err := png.Encode(&buf, out); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, buf.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	return out
}

// inked counts the pixels of the box that differ from the white page
// background, and the pixels of the box.
func inked(img image.Image, b box) (ink, area int) {
	r := image.Rect(int(b.X), int(b.Y), int(b.X+b.W), int(b.Y+b.H)).Intersect(img.Bounds())
	for y := r.Min.Y; y < r.Max.Y; y++ {
		for x := r.Min.X; x < r.Max.X; x++ {
			cr, cg, cb, _ := img.At(x, y).RGBA()
			if cr < 0xf000 || cg < 0xf000 || cb < 0xf000 {
				ink++
			}
		}
	}
	return ink, r.Dx() * r.Dy()
}

// TestLeaks checks the net log reader on made-up logs: a page's request
// and a connection to a remote address are found, the browser's own
// request through the closed local proxy is not.
func TestLeaks(t *testing.T) {
	head := `{"constants":{"logEventTypes":{"URL_REQUEST_START_JOB":1,"TCP_CONNECT":2,"UDP_CONNECT":3}},"events":[`
	for _, tc := range []struct {
		name, events string
		want         int
	}{
		{"browser's own, to the proxy", `{"type":1,"params":{"initiator":"not an origin","url":"https://update.example/"}},{"type":2,"params":{"address_list":["127.0.0.1:9"]}},{"type":3,"params":{"address":"[2001:db8::1]:443"}}]}`, 0},
		{"page's request", `{"type":1,"params":{"initiator":"null","url":"https://fonts.example/a.woff"}}]}`, 1},
		{"remote connection", `{"type":2,"params":{"address_list":["192.0.2.1:443"]}}]}`, 1},
		{"unclosed log", `{"type":2,"params":{"address":"192.0.2.1:443"}},`, 1},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := leaks(t, []byte(head+tc.events)); len(got) != tc.want {
				t.Errorf("leaks = %q, want %d", got, tc.want)
			}
		})
	}
}
