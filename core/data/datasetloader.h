#pragma once

#include "data/datasearchpath.h"
#include "data/dataset.h"
#include "data/imagefolder.h"

#include <QString>
#include <QStringList>

#include <memory>

namespace aip {

/// Loads datasets by name from the data search path. Built-in names and their layout below a
/// search path folder:
///   cifar10        cifar-10-batches-bin/{data_batch_1..5,test_batch}.bin, batches.meta.txt
///                  splits train, test
///   fashion-mnist  fashion-mnist/{train,t10k}-{images-idx3,labels-idx1}-ubyte.gz
///                  splits train, test
///   sst2           sst2/{train,dev}.tsv; splits train, dev
/// Any other name is an image folder (see loadImageFolder): an existing folder path, or a folder
/// of that name on the search path.
namespace datasets {
/// cifar10, fashion-mnist, sst2.
QStringList builtInNames();
bool isBuiltIn(const QString& dataset);
/// The splits a built-in dataset has; empty for any other name.
QStringList validSplits(const QString& dataset);
/// The files a built-in split needs, relative to a search path folder (what a downloader must
/// provide). Throws aip::Error for an unknown dataset or split.
QStringList requiredFiles(const QString& dataset, const QString& split);
}  // namespace datasets

/// Loads `split` of `dataset`. All files of a split come from the first search path folder
/// that holds its first file, so two partial copies are never mixed. `options` reshape image
/// datasets (any source) and are ignored for text. Throws aip::Error naming the dataset, the file
/// looked for and every folder searched when it is missing, listing the valid splits for an
/// unknown split, and naming the file for malformed data.
std::unique_ptr<Dataset> loadDataset(const QString& dataset, const QString& split,
                                     const DataSearchPath& path,
                                     const ImageLoadOptions& options = {});

}  // namespace aip
