//! Hostile HTTP servers on raw sockets at 127.0.0.1:0: each connection's request head is read,
//! then a behaviour writes whatever it likes (slowly, forever, compressed, wrongly). The
//! bytes each server wrote are counted.

use std::future::Future;
use std::net::SocketAddr;
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpListener, TcpStream};

/// A running raw server; stops accepting when dropped.
pub struct RawServer {
    pub addr: SocketAddr,
    pub written: Arc<AtomicU64>,
    task: tokio::task::JoinHandle<()>,
}

impl RawServer {
    pub fn url(&self, path: &str) -> String {
        format!("http://{}/{}", self.addr, path.trim_start_matches('/'))
    }

    pub fn bytes_written(&self) -> u64 {
        self.written.load(Ordering::SeqCst)
    }
}

impl Drop for RawServer {
    fn drop(&mut self) {
        self.task.abort();
    }
}

/// A connection after its request head was read.
pub struct Conn {
    stream: TcpStream,
    written: Arc<AtomicU64>,
}

impl Conn {
    /// Writes `bytes`; false once the client has gone.
    pub async fn send(&mut self, bytes: &[u8]) -> bool {
        let ok = self.stream.write_all(bytes).await.is_ok() && self.stream.flush().await.is_ok();
        if ok {
            self.written.fetch_add(bytes.len() as u64, Ordering::SeqCst);
        }
        ok
    }
}

async fn read_head(stream: &mut TcpStream) -> Option<()> {
    let mut buf = Vec::new();
    let mut chunk = [0u8; 4096];
    while !buf.windows(4).any(|w| w == b"\r\n\r\n") {
        let n = stream.read(&mut chunk).await.ok()?;
        if n == 0 || buf.len() > 65536 {
            return None;
        }
        buf.extend_from_slice(&chunk[..n]);
    }
    Some(())
}

/// Serves every connection with `behave`.
pub async fn serve<F, Fut>(behave: F) -> RawServer
where
    F: Fn(Conn) -> Fut + Send + Sync + 'static,
    Fut: Future<Output = ()> + Send + 'static,
{
    let listener = TcpListener::bind("127.0.0.1:0").await.expect("bind");
    let addr = listener.local_addr().expect("addr");
    let written = Arc::new(AtomicU64::new(0));
    let counter = written.clone();
    let behave = Arc::new(behave);
    let task = tokio::spawn(async move {
        while let Ok((mut stream, _)) = listener.accept().await {
            let behave = behave.clone();
            let written = counter.clone();
            tokio::spawn(async move {
                if read_head(&mut stream).await.is_some() {
                    behave(Conn { stream, written }).await;
                }
            });
        }
    });
    RawServer {
        addr,
        written,
        task,
    }
}
