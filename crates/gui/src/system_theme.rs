//! The desktop's light/dark setting on Linux, for "Theme: same as the system" (backend side).
//!
//! winit (under eframe 0.37) reports no system theme on X11 or Wayland, so egui's
//! `ThemePreference::System` would always fall back to dark there. Desktops publish the
//! setting through the XDG desktop portal instead: `org.freedesktop.appearance`
//! `color-scheme` (0 no preference, 1 prefer dark, 2 prefer light), read once and then
//! followed through its `SettingChanged` signal. Without a portal nothing is sent and the
//! window keeps egui's own answer.

use futures_util::StreamExt;
use zbus::zvariant::{OwnedValue, Value};

use crate::bus::{Event, EventSink};

const PORTAL: &str = "org.freedesktop.portal.Desktop";
const PORTAL_PATH: &str = "/org/freedesktop/portal/desktop";
const SETTINGS: &str = "org.freedesktop.portal.Settings";
const NAMESPACE: &str = "org.freedesktop.appearance";
const KEY: &str = "color-scheme";

/// Sends [`Event::SystemTheme`] now and whenever the desktop's setting changes; returns
/// when there is no portal or the window is gone.
pub(crate) async fn watch(sink: EventSink) {
    if let Err(e) = follow(&sink).await {
        tracing::debug!(error = %e, "no desktop light/dark setting (XDG portal)");
    }
}

async fn follow(sink: &EventSink) -> zbus::Result<()> {
    let connection = zbus::Connection::session().await?;
    let proxy = zbus::Proxy::new(&connection, PORTAL, PORTAL_PATH, SETTINGS).await?;
    // Subscribe first, so a change made while the first answer travels is not missed.
    let mut changes = proxy.receive_signal("SettingChanged").await?;
    let first = match proxy
        .call::<_, _, OwnedValue>("ReadOne", &(NAMESPACE, KEY))
        .await
    {
        Ok(value) => value,
        // Portals before version 2 only have the deprecated Read.
        Err(_) => proxy.call("Read", &(NAMESPACE, KEY)).await?,
    };
    if !sink
        .send(Event::SystemTheme {
            dark: prefers_dark(&first),
        })
        .await
    {
        return Ok(());
    }
    while let Some(message) = changes.next().await {
        let Ok((namespace, key, value)) =
            message.body().deserialize::<(String, String, OwnedValue)>()
        else {
            continue;
        };
        if namespace == NAMESPACE
            && key == KEY
            && !sink
                .send(Event::SystemTheme {
                    dark: prefers_dark(&value),
                })
                .await
        {
            break;
        }
    }
    Ok(())
}

/// `Some(true)` for "prefer dark", `Some(false)` for "prefer light", `None` for no
/// preference or a value this version does not know (also inside the variant `Read` wraps
/// it in).
fn prefers_dark(value: &Value<'_>) -> Option<bool> {
    match value {
        Value::U32(1) => Some(true),
        Value::U32(2) => Some(false),
        Value::Value(inner) => prefers_dark(inner),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn portal_values_read_as_light_or_dark() {
        assert_eq!(prefers_dark(&Value::U32(1)), Some(true));
        assert_eq!(prefers_dark(&Value::U32(2)), Some(false));
        assert_eq!(prefers_dark(&Value::U32(0)), None);
        assert_eq!(prefers_dark(&Value::U32(7)), None);
        assert_eq!(prefers_dark(&Value::from("dark")), None);
        // The deprecated Read answers a variant inside a variant.
        let wrapped = Value::Value(Box::new(Value::U32(1)));
        assert_eq!(prefers_dark(&wrapped), Some(true));
    }
}
