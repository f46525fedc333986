//! The backend side of saved connections: runs the connection commands of the bus through
//! `core::saved_ops` (keyring calls on blocking threads) and answers with the request id
//! they came with. Depends on the bus and the core only.

use crate::bus::{ConnectionCommand as Command, ConnectionEvent as Answer, Event, EventSink};
use s3share_core::aws_files::aws_profiles;
use s3share_core::saved_ops::{
    load_saved, remove_connection, save_connection, settings_of, test_connection,
};

/// Starts `command` on the runtime; its answer comes back as an [`Event::Connections`].
pub(crate) fn run(command: Command, sink: &EventSink) {
    let sink = sink.clone();
    match command {
        Command::Load { request, path } => {
            tokio::spawn(async move {
                let result = load_saved(path).await;
                answer(&sink, Answer::Loaded { request, result }).await;
            });
        }
        Command::Test {
            request,
            connection,
            secret,
            secrets,
            bucket,
        } => {
            tokio::spawn(async move {
                let result = match settings_of(*connection, secret, secrets).await {
                    Ok(settings) => test_connection(&settings, bucket.as_deref()).await,
                    Err(e) => Err(e),
                };
                answer(&sink, Answer::Tested { request, result }).await;
            });
        }
        Command::Save {
            request,
            path,
            original,
            connection,
            secret,
        } => {
            tokio::spawn(async move {
                let original = original.map(|c| *c);
                let result = save_connection(path, original, *connection, secret).await;
                answer(&sink, Answer::Saved { request, result }).await;
            });
        }
        Command::Remove {
            request,
            path,
            name,
        } => {
            tokio::spawn(async move {
                let result = remove_connection(path, name.clone()).await.map(|_| ());
                answer(
                    &sink,
                    Answer::Removed {
                        request,
                        name,
                        result,
                    },
                )
                .await;
            });
        }
        Command::ReadAwsProfiles { request } => {
            tokio::spawn(async move {
                let names = tokio::task::spawn_blocking(aws_profiles)
                    .await
                    .unwrap_or_default();
                answer(&sink, Answer::AwsProfiles { request, names }).await;
            });
        }
    }
}

async fn answer(sink: &EventSink, answer: Answer) {
    sink.send(Event::Connections(answer)).await;
}
