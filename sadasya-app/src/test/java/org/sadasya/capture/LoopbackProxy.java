package org.sadasya.capture;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A TCP proxy on the loopback between the browser and the server, standing in for the phone's
 * network: it forwards, refuses connections (nothing listens on its port), or cuts the next
 * enrolment upload during its body or after the whole request, before the answer. DevTools'
 * offline emulation would not do: a service worker's fetches ignore it.
 */
final class LoopbackProxy implements AutoCloseable {

    enum Cut { NONE, DURING_BODY, BEFORE_RESPONSE }

    private static final String UPLOAD = "POST /api/v1/enrollments ";

    private final int targetPort;
    private final int port;
    private final Set<Socket> sockets = ConcurrentHashMap.newKeySet();
    private final AtomicReference<Cut> nextCut = new AtomicReference<>(Cut.NONE);
    private final AtomicInteger cuts = new AtomicInteger();
    private final AtomicLong bytesToBrowser = new AtomicLong();
    private volatile ServerSocket listening;

    LoopbackProxy(int targetPort) throws IOException {
        this.targetPort = targetPort;
        this.port = listen(0);
    }

    int port() {
        return port;
    }

    /** Connections are refused, and the open ones are dropped, as when the phone loses its network. */
    synchronized void refuse() throws IOException {
        if (listening != null) {
            listening.close();
            listening = null;
        }
        dropAll();
    }

    synchronized void forward() throws IOException {
        if (listening == null) {
            listen(port);
        }
    }

    /** The next enrolment upload is cut as given; the connections open now are dropped so it opens a new one. */
    void cutNextUpload(Cut cut) {
        nextCut.set(cut);
        dropAll();
    }

    int cuts() {
        return cuts.get();
    }

    /** Bytes sent from the server to the browser since the last reset (what the phone would download). */
    long bytesToBrowser() {
        return bytesToBrowser.get();
    }

    void resetCounters() {
        bytesToBrowser.set(0);
    }

    private int listen(int at) throws IOException {
        ServerSocket s = new ServerSocket();
        s.setReuseAddress(true);
        s.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), at));
        listening = s;
        Thread accept = new Thread(() -> acceptLoop(s), "proxy-accept");
        accept.setDaemon(true);
        accept.start();
        return s.getLocalPort();
    }

    private void acceptLoop(ServerSocket s) {
        while (!s.isClosed()) {
            try {
                Socket browser = s.accept();
                Socket server = new Socket(InetAddress.getLoopbackAddress(), targetPort);
                sockets.add(browser);
                sockets.add(server);
                AtomicReference<Boolean> dropAnswer = new AtomicReference<>(false);
                start(() -> requests(browser, server, dropAnswer));
                start(() -> answers(server, browser, dropAnswer));
            } catch (IOException closed) {
                return;
            }
        }
    }

    private static void start(Runnable r) {
        Thread t = new Thread(r, "proxy-pump");
        t.setDaemon(true);
        t.start();
    }

    /** Browser → server, one HTTP/1.1 request at a time, so that an upload can be recognised and cut. */
    private void requests(Socket browser, Socket server, AtomicReference<Boolean> dropAnswer) {
        try (InputStream in = new BufferedInputStream(browser.getInputStream()); OutputStream out = server.getOutputStream()) {
            byte[] head;
            while ((head = readHead(in)) != null) {
                String text = new String(head, StandardCharsets.ISO_8859_1);
                long length = contentLength(text);
                Cut cut = text.startsWith(UPLOAD) ? nextCut.getAndSet(Cut.NONE) : Cut.NONE;
                out.write(head);
                if (cut == Cut.DURING_BODY) {
                    copy(in, out, length / 2);
                    out.flush();
                    cuts.incrementAndGet();
                    close(browser, server);
                    return;
                }
                copy(in, out, length);
                out.flush();
                if (cut == Cut.BEFORE_RESPONSE) {
                    cuts.incrementAndGet();
                    dropAnswer.set(true);
                }
            }
        } catch (IOException e) {
            // a side closed: the other pump ends too
        } finally {
            close(browser, server);
        }
    }

    /** Server → browser; after a cut request, the first bytes of the answer end the connection instead. */
    private void answers(Socket server, Socket browser, AtomicReference<Boolean> dropAnswer) {
        byte[] buffer = new byte[64 * 1024];
        try (InputStream in = server.getInputStream(); OutputStream out = browser.getOutputStream()) {
            int n;
            while ((n = in.read(buffer)) > 0) {
                if (dropAnswer.get()) {
                    return;
                }
                out.write(buffer, 0, n);
                out.flush();
                bytesToBrowser.addAndGet(n);
            }
        } catch (IOException e) {
            // a side closed
        } finally {
            close(browser, server);
        }
    }

    private static byte[] readHead(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        int last4 = 0;
        int b;
        while ((b = in.read()) >= 0) {
            head.write(b);
            last4 = (last4 << 8) | b;
            if (last4 == 0x0d0a0d0a) {
                return head.toByteArray();
            }
        }
        return null;
    }

    private static long contentLength(String head) {
        for (String line : head.split("\r\n")) {
            if (line.toLowerCase(Locale.ROOT).startsWith("content-length:")) {
                return Long.parseLong(line.substring(15).trim());
            }
            if (line.toLowerCase(Locale.ROOT).startsWith("transfer-encoding:")) {
                throw new IllegalStateException("the proxy expects requests with a Content-Length: " + line);
            }
        }
        return 0;
    }

    private static void copy(InputStream in, OutputStream out, long bytes) throws IOException {
        byte[] buffer = new byte[64 * 1024];
        long left = bytes;
        while (left > 0) {
            int n = in.read(buffer, 0, (int) Math.min(buffer.length, left));
            if (n < 0) {
                throw new IOException("request body ended early");
            }
            out.write(buffer, 0, n);
            left -= n;
        }
    }

    private void close(Socket... pair) {
        for (Socket s : pair) {
            sockets.remove(s);
            try {
                s.close();
            } catch (IOException ignored) {
                // already closed
            }
        }
    }

    private void dropAll() {
        for (Socket s : Set.copyOf(sockets)) {
            close(s);
        }
    }

    @Override
    public synchronized void close() throws IOException {
        refuse();
    }
}
