namespace ImageRoll.Registry;

/// <summary>One blob finished during a push or copy: how it got there, and how far along the whole image is.</summary>
public sealed record TransferProgress(BlobRef Blob, BlobTransfer Outcome, int BlobsDone, int BlobsTotal, long BytesUploaded);
