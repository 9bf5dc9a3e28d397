package org.touchpointcrm.localstack;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A TCP proxy on 127.0.0.1 between Kafka clients and the broker they were told about. {@link #cut()}
 * closes every connection and refuses new ones, as a broker that went down would; {@link #restore()}
 * listens again on the same port, as a broker that came back would.
 */
final class LoopbackProxy implements AutoCloseable {

    private final int port;
    private volatile int targetPort;
    private final Set<Socket> open = ConcurrentHashMap.newKeySet();
    private volatile ServerSocket listener;

    private LoopbackProxy(int port) {
        this.port = port;
    }

    /** Listens at once; connections are refused until {@link #forwardTo(int)} names the target. */
    static LoopbackProxy start(int port) throws IOException {
        var proxy = new LoopbackProxy(port);
        proxy.restore();
        return proxy;
    }

    void forwardTo(int targetPort) {
        this.targetPort = targetPort;
    }

    synchronized void restore() throws IOException {
        var server = new ServerSocket();
        server.setReuseAddress(true);
        server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
        listener = server;
        Thread.ofVirtual().name("proxy-accept-" + port).start(() -> accept(server));
    }

    synchronized void cut() throws IOException {
        listener.close();
        for (Socket socket : open) {
            socket.close();
        }
        open.clear();
    }

    private void accept(ServerSocket server) {
        while (!server.isClosed()) {
            try {
                Socket client = server.accept();
                if (targetPort == 0) {
                    client.close();
                    continue;
                }
                Socket broker = new Socket(InetAddress.getLoopbackAddress(), targetPort);
                open.add(client);
                open.add(broker);
                Thread.ofVirtual().start(() -> pipe(client, broker));
                Thread.ofVirtual().start(() -> pipe(broker, client));
            } catch (IOException closed) {
                return; // cut: the listener was closed on purpose
            }
        }
    }

    private void pipe(Socket from, Socket to) {
        try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
            in.transferTo(out);
        } catch (IOException connectionEnded) {
            // either side closed, or cut() closed both: the pipe ends with them
        } finally {
            closeQuietly(from);
            closeQuietly(to);
        }
    }

    private void closeQuietly(Socket socket) {
        open.remove(socket);
        try {
            socket.close();
        } catch (IOException alreadyClosed) {
            // nothing left to release
        }
    }

    @Override
    public void close() throws IOException {
        cut();
    }
}
