//! The browser's IndexedDB as a small key → bytes store: one database, one
//! object store. Requests run asynchronously, so a write never waits on the
//! disk while the learner types.

use js_sys::{Function, Promise, Uint8Array};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;
use web_sys::{IdbDatabase, IdbOpenDbRequest, IdbRequest, IdbTransaction, IdbTransactionMode};

const STORE: &str = "saved";

/// An open IndexedDB database. Cheap to clone.
#[derive(Clone)]
pub struct Storage {
    db: IdbDatabase,
}

impl Storage {
    /// Opens (creating if needed) the database `name`.
    pub async fn open(name: &str) -> Result<Storage, JsValue> {
        let factory = web_sys::window()
            .ok_or("no window")?
            .indexed_db()?
            .ok_or("IndexedDB is not available")?;
        let request: IdbOpenDbRequest = factory.open_with_u32(name, 1)?;
        let upgrade = Closure::once(move |event: web_sys::Event| {
            let db = event
                .target()
                .and_then(|t| t.dyn_into::<IdbRequest>().ok())
                .and_then(|r| r.result().ok())
                .and_then(|r| r.dyn_into::<IdbDatabase>().ok());
            if let Some(db) = db {
                if !db.object_store_names().contains(STORE) {
                    let _ = db.create_object_store(STORE);
                }
            }
        });
        request.set_onupgradeneeded(Some(upgrade.as_ref().unchecked_ref()));
        let db = done(&request).await;
        request.set_onupgradeneeded(None);
        drop(upgrade);
        Ok(Storage {
            db: db?.dyn_into()?,
        })
    }

    /// The bytes stored under `key`, if any.
    pub async fn get(&self, key: &str) -> Result<Option<Vec<u8>>, JsValue> {
        let store = self
            .transaction(IdbTransactionMode::Readonly)?
            .object_store(STORE)?;
        let value = done(&store.get(&key.into())?).await?;
        Ok(value
            .dyn_into::<Uint8Array>()
            .ok()
            .map(|bytes| bytes.to_vec()))
    }

    /// Stores `bytes` under `key`; done once the write is committed.
    pub async fn put(&self, key: &str, bytes: &[u8]) -> Result<(), JsValue> {
        let tx = self.transaction(IdbTransactionMode::Readwrite)?;
        tx.object_store(STORE)?
            .put_with_key(&Uint8Array::from(bytes), &key.into())?;
        committed(&tx).await
    }

    /// Removes what is stored under `key`.
    pub async fn delete(&self, key: &str) -> Result<(), JsValue> {
        let tx = self.transaction(IdbTransactionMode::Readwrite)?;
        tx.object_store(STORE)?.delete(&key.into())?;
        committed(&tx).await
    }

    fn transaction(&self, mode: IdbTransactionMode) -> Result<IdbTransaction, JsValue> {
        self.db.transaction_with_str_and_mode(STORE, mode)
    }
}

/// Waits for an IndexedDB request: its result, or its error.
async fn done(request: &IdbRequest) -> Result<JsValue, JsValue> {
    let (ok, failed) = (request.clone(), request.clone());
    let result = settled(
        |on_ok, on_err| {
            request.set_onsuccess(Some(on_ok));
            request.set_onerror(Some(on_err));
        },
        move || ok.result().unwrap_or_default(),
        move || {
            failed
                .error()
                .ok()
                .flatten()
                .map_or_else(|| "IndexedDB request failed".into(), JsValue::from)
        },
    )
    .await;
    request.set_onsuccess(None);
    request.set_onerror(None);
    result
}

/// Waits until a transaction is committed (or fails).
async fn committed(tx: &IdbTransaction) -> Result<(), JsValue> {
    let failed = tx.clone();
    let result = settled(
        |on_ok, on_err| {
            tx.set_oncomplete(Some(on_ok));
            tx.set_onerror(Some(on_err));
            tx.set_onabort(Some(on_err));
        },
        || JsValue::UNDEFINED,
        move || {
            failed
                .error()
                .map_or_else(|| "IndexedDB transaction failed".into(), JsValue::from)
        },
    )
    .await;
    tx.set_oncomplete(None);
    tx.set_onerror(None);
    tx.set_onabort(None);
    result.map(drop)
}

/// A promise settled by whichever of two event handlers fires first. The
/// handlers live until it is settled; the caller unsets them after.
async fn settled(
    install: impl FnOnce(&Function, &Function),
    ok: impl Fn() -> JsValue + 'static,
    err: impl Fn() -> JsValue + 'static,
) -> Result<JsValue, JsValue> {
    let (mut ok, mut err) = (Some(ok), Some(err));
    let mut handlers = None;
    let promise = Promise::new(&mut |resolve: Function, reject: Function| {
        if let (Some(ok), Some(err)) = (ok.take(), err.take()) {
            let on_ok = Closure::<dyn FnMut()>::new(move || {
                let _ = resolve.call1(&JsValue::NULL, &ok());
            });
            let on_err = Closure::<dyn FnMut()>::new(move || {
                let _ = reject.call1(&JsValue::NULL, &err());
            });
            handlers = Some((on_ok, on_err));
        }
    });
    if let Some((on_ok, on_err)) = &handlers {
        install(
            on_ok.as_ref().unchecked_ref(),
            on_err.as_ref().unchecked_ref(),
        );
    }
    let result = JsFuture::from(promise).await;
    drop(handlers);
    result
}
