#pragma once

#include "data/dataset.h"

#include <QString>
#include <QStringList>

#include <memory>

namespace aip {

/// How decoded images are shaped into one ImageDataset. The defaults keep images as stored,
/// which then must all agree in channel count and size.
struct ImageLoadOptions {
    /// 0: as stored (grayscale stays 1 channel, colour is RGB); 1: convert to grayscale;
    /// 3: convert to RGB (grayscale is replicated into three planes).
    int channels = 0;
    /// Target size in pixels; 0×0 keeps the stored size. Images of another size are resized
    /// with area interpolation.
    int width = 0;
    int height = 0;

    /// Throws aip::Error when channels is not 0, 1 or 3, or only one of width/height is set.
    void validate() const;
};

/// An image classification folder: `<folder>/<split>/<class>/*.{png,jpg,jpeg,bmp}` when
/// `<folder>/<split>` exists, otherwise `<folder>/<class>/*` (one unsplit set). Classes are the
/// subfolder names in sorted order; files are read in sorted order within each class.
namespace imagefolder {
/// The file suffixes read (case-insensitive); other files are ignored.
QStringList imageSuffixes();
/// The split subfolders of a split-organised folder (those holding class folders but no images
/// of their own); empty for a flat `<folder>/<class>/*` layout.
QStringList splitsIn(const QString& folder);
/// True when `folder` has the layout: class folders (below its first split, if split) with at
/// least one image. A few directory listings; no image is decoded.
bool holdsImages(const QString& folder);
}  // namespace imagefolder

/// Decodes every image of an image folder with OpenCV into one CHW ImageDataset named
/// "<folder>/<split>" (or "<folder>" when split is empty). Alpha channels are dropped. Throws
/// aip::Error naming the file for an undecodable image, or one whose shape differs from the
/// first image's when `options` give no target; naming the folder for an unknown split (with the
/// splits present) or when there are no classes or no images.
std::unique_ptr<ImageDataset> loadImageFolder(const QString& folder, const QString& split,
                                              const ImageLoadOptions& options = {});

/// Returns `dataset` converted to the channel count and size `options` ask for (the same
/// object when there is nothing to change), so the options mean the same for every source.
std::unique_ptr<ImageDataset> applyImageLoadOptions(std::unique_ptr<ImageDataset> dataset,
                                                    const ImageLoadOptions& options);

}  // namespace aip
